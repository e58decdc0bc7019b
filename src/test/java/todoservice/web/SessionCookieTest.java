package todoservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    private static final String TOKEN = "todo_edq0RNR9zxc6Zra3TQR7gthE5wNJZbZS_n-51arwk5c";
    private static final SessionCookie WITHOUT_PUBLIC_BASE = new SessionCookie(Optional.empty());

    @Test
    void theCookieIsHttpOnlySameSiteStrictForTheWholeApplicationAndTheSessionsLifetime() {
        String header = WITHOUT_PUBLIC_BASE.holding(TOKEN, Duration.ofDays(7), request("http", false, ""));

        assertThat(header).isEqualTo("todo_session=" + TOKEN + "; Path=/; Max-Age=604800; HttpOnly; SameSite=Strict");
    }

    @Test
    void itIsSecureWhenTheRequestCameOverHttpsDirectlyOrThroughATrustedProxy() {
        assertThat(WITHOUT_PUBLIC_BASE.holding(TOKEN, Duration.ofDays(7), request("https", true, "")))
                .endsWith("; Secure");
        // What the container makes of X-Forwarded-Proto: https from a proxy it trusts.
        assertThat(WITHOUT_PUBLIC_BASE.holding(TOKEN, Duration.ofDays(7), request("https", false, "")))
                .endsWith("; Secure");
        assertThat(WITHOUT_PUBLIC_BASE.holding(TOKEN, Duration.ofDays(7), request("http", true, "")))
                .endsWith("; Secure");
        assertThat(WITHOUT_PUBLIC_BASE.holding(TOKEN, Duration.ofDays(7), request("http", false, "")))
                .doesNotContain("Secure");
    }

    @Test
    void itIsSecureWheneverThePublicBaseUrlIsHttpsAndTakesItsPath() {
        SessionCookie behindTls = new SessionCookie(Optional.of(URI.create("https://todo.example.org/api/")));

        assertThat(behindTls.holding(TOKEN, Duration.ofHours(1), request("http", false, "")))
                .isEqualTo("todo_session=" + TOKEN + "; Path=/api; Max-Age=3600; HttpOnly; SameSite=Strict; Secure");
        assertThat(new SessionCookie(Optional.of(URI.create("http://todo.example.org/")))
                .holding(TOKEN, Duration.ofHours(1), request("http", false, "/todo")))
                .contains("; Path=/;").doesNotContain("Secure");
    }

    @Test
    void withoutAPublicBaseThePathIsTheContextPath() {
        assertThat(WITHOUT_PUBLIC_BASE.holding(TOKEN, Duration.ofHours(1), request("http", false, "/todo")))
                .contains("; Path=/todo;");
    }

    @Test
    void clearingKeepsTheAttributesAndEndsTheCookieAtOnce() {
        assertThat(WITHOUT_PUBLIC_BASE.cleared(request("https", true, "/todo")))
                .isEqualTo("todo_session=; Path=/todo; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void aLifetimeUnderASecondStillMakesACookie() {
        assertThat(WITHOUT_PUBLIC_BASE.holding(TOKEN, Duration.ofMillis(500), request("http", false, "")))
                .contains("; Max-Age=1;");
    }

    /** The three things the cookie's attributes depend on; any other call fails the test. */
    private static HttpServletRequest request(String scheme, boolean secure, String contextPath) {
        Map<String, Object> answers = Map.of("getScheme", scheme, "isSecure", secure, "getContextPath", contextPath);
        return (HttpServletRequest) Proxy.newProxyInstance(SessionCookieTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }
}
