package todoservice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** What parses a token and the Authorization header, over generated input: a client controls both. */
class ApiTokenPropertiesTest {

    @Property(tries = 200)
    void everyGeneratedTokenParsesBackToItselfAndHashesTheSame() {
        ApiToken token = ApiToken.generate();

        ApiToken parsed = ApiToken.parse(token.reveal()).orElseThrow();

        assertThat(parsed.reveal()).isEqualTo(token.reveal());
        assertThat(parsed.hash()).isEqualTo(token.hash()).hasSize(64);
        assertThat(token.toString()).doesNotContain(token.reveal().substring(ApiToken.PREFIX.length()));
    }

    @Property
    void textThatIsNotExactlyATokenNeverParses(@ForAll @StringLength(max = 80) String text) {
        boolean shaped = text.matches("todo_[A-Za-z0-9_-]{43}");
        assertThat(ApiToken.parse(text)).as("'%s'", text).matches(parsed -> parsed.isPresent() == shaped);
    }

    @Property
    void aTokenWithOneCharacterChangedOrCutIsNoLongerTheSameToken(@ForAll("positions") int position) {
        String token = ApiToken.generate().reveal();
        String changed = token.substring(0, position) + (token.charAt(position) == 'A' ? 'B' : 'A')
                + token.substring(position + 1);

        assertThat(ApiToken.parse(changed).map(ApiToken::hash))
                .isNotEqualTo(ApiToken.parse(token).map(ApiToken::hash));
        assertThat(ApiToken.parse(token.substring(0, position))).isEmpty();
    }

    @Property
    void theBearerSchemeIsFoundInAnyCaseAndSpacing(@ForAll("schemes") String scheme, @ForAll("spaces") String before,
            @ForAll("spaces") String after) {
        String token = ApiToken.generate().reveal();

        assertThat(BearerHeader.credentials(before + scheme + " " + after + token + after)).contains(token);
    }

    @Property
    void otherSchemesAndEmptyCredentialsGiveNothing(@ForAll @StringLength(max = 40) String credentials) {
        assertThat(BearerHeader.credentials("Basic " + credentials)).isEmpty();
        assertThat(BearerHeader.credentials("Bearer" + credentials.replace(" ", ""))).isEmpty();
        assertThat(BearerHeader.credentials("Bearer " + " ".repeat(credentials.length()))).isEmpty();
    }

    @Property(tries = 2_000)
    void theHeaderIsReadAsRfc6750SaysWhateverItHolds(@ForAll("headers") String header) {
        assertThat(BearerHeader.credentials(header)).as("'%s'", header).isEqualTo(readBySpec(header));
    }

    /** The header read the obvious way (strip, split at the first space, compare the scheme in lower case). */
    private static Optional<String> readBySpec(String header) {
        String stripped = header.strip();
        int space = stripped.indexOf(' ');
        if (space < 0 || !stripped.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String credentials = stripped.substring(space + 1).strip();
        return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.of("Bearer", "bearer", "BEARER", "Basic", "Bear",
                " ", "  ", "\t", "\u00a0", "\u2003", "todo_", "x"), Arbitraries.strings().ofMaxLength(4));
        return pieces.list().ofMaxSize(6).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(ApiToken.PREFIX.length(), ApiToken.PREFIX.length() + 42);
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("bearer", "Bearer", "BEARER", "bEaReR");
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.strings().withChars(' ').ofMaxLength(3);
    }
}
