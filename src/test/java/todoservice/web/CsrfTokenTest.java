package todoservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CsrfTokenTest {

    private static final String SESSION = "todo_edq0RNR9zxc6Zra3TQR7gthE5wNJZbZS_n-51arwk5c";
    private static final String OTHER_SESSION = "todo_fdq0RNR9zxc6Zra3TQR7gthE5wNJZbZS_n-51arwk5c";

    @Test
    void everyNodeDerivesTheSameTokenFromTheSessionAlone() {
        assertThat(CsrfToken.of(SESSION)).isEqualTo(CsrfToken.of(SESSION))
                .matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void itRevealsNothingOfTheSessionTokenNorOfItsStoredHash() throws Exception {
        String csrf = CsrfToken.of(SESSION);
        String storedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(SESSION.getBytes(StandardCharsets.UTF_8)));

        assertThat(csrf).doesNotContain(SESSION.substring(5, 15)).isNotEqualTo(storedHash);
        assertThat(HexFormat.of().formatHex(java.util.Base64.getUrlDecoder().decode(csrf)))
                .as("labelled, so not the hash the store keeps").isNotEqualTo(storedHash);
    }

    @Test
    void anotherSessionHasAnotherToken() {
        assertThat(CsrfToken.of(OTHER_SESSION)).isNotEqualTo(CsrfToken.of(SESSION));
    }

    @Test
    void onlyTheSessionsOwnTokenMatches() {
        String csrf = CsrfToken.of(SESSION);

        assertThat(CsrfToken.matches(SESSION, csrf)).isTrue();
        assertThat(CsrfToken.matches(SESSION, null)).as("absent").isFalse();
        assertThat(CsrfToken.matches(SESSION, "")).isFalse();
        assertThat(CsrfToken.matches(SESSION, CsrfToken.of(OTHER_SESSION))).as("another session's").isFalse();
        assertThat(CsrfToken.matches(SESSION, csrf.substring(1))).as("shortened").isFalse();
        assertThat(CsrfToken.matches(SESSION, csrf + "x")).as("lengthened").isFalse();
        assertThat(CsrfToken.matches(SESSION, csrf.toUpperCase())).as("another case").isFalse();
        assertThat(CsrfToken.matches(SESSION, SESSION)).as("the session token itself").isFalse();
    }
}
