package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;

/**
 * The web page's session over real HTTP, on two nodes sharing the store and Redis with the development switch off:
 * logging in sets an HttpOnly cookie and answers a CSRF token, the cookie alone reads, a change needs the token
 * too, and logging out revokes the session on every node. A third node, behind a trusted proxy and with the
 * development switch on, shows the anonymous session and the Secure attribute.
 */
class SessionIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final String PASSWORD = "a long enough password";
    private static final String PAGE = "https://todo.example.org";
    private static final String CSRF_PROBLEM = "tag:todoservice,2026:csrf";

    private static TwoNodes nodes;
    private static Http http;
    private static Http other;
    private static EmbeddedMongo proxiedStore;
    private static TestServer proxied;

    @BeforeAll
    static void start() {
        nodes = new TwoNodes(Map.of("AUTH_ANONYMOUS", "false", "CORS_ALLOWED_ORIGINS", PAGE));
        http = nodes.http;
        other = nodes.other;
        proxiedStore = EmbeddedMongo.inMemory();
        proxied = TestServer.startBehindProxy(Map.of("MONGODB_URI", proxiedStore.uri("todo"),
                "AUTH_ANONYMOUS", "true"));
    }

    @AfterAll
    static void stop() {
        if (proxied != null) {
            proxied.close();
        }
        if (proxiedStore != null) {
            proxiedStore.close();
        }
        nodes.close();
    }

    @Test
    void loggingInSetsAnHttpOnlySameSiteStrictCookieAndTheBodyHoldsNoToken() {
        String login = register();

        Http.Reply session = logIn(login, PASSWORD);

        assertThat(session.status()).as(session.body()).isEqualTo(201);
        String setCookie = session.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("todo_session=todo_")
                .contains("; HttpOnly", "; SameSite=Strict", "; Path=/;", "; Max-Age=604800")
                .as("plain http, no https public base").doesNotContain("Secure");
        String token = cookieOf(session).substring("todo_session=".length());
        assertThat(session.body()).doesNotContain(token).doesNotContain("todo_");
        assertThat(session.header("Cache-Control")).contains("no-store");
        JsonNode body = session.json();
        assertThat(body.get("account").get("login").asText()).isEqualTo(login);
        assertThat(body.get("account")).isEqualTo(http.get("/accounts/me", "Cookie", cookieOf(session)).json());
        assertThat(body.get("csrf_token").asText()).matches("[A-Za-z0-9_-]{43}");

        JsonNode tokens = http.get("/tokens", "Cookie", cookieOf(session)).json().get("data");
        assertThat(tokens).hasSize(1);
        JsonNode listed = tokens.get(0);
        assertThat(listed.get("name").asText()).isEqualTo("web session");
        assertThat(listed.get("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        BigDecimal lifetime = listed.get("expires_at").decimalValue().subtract(listed.get("created_at").decimalValue());
        assertThat(lifetime.longValue()).as("AUTH_SESSION_TTL, 7 days").isEqualTo(Duration.ofDays(7).toSeconds());
    }

    @Test
    void theCookieAloneReadsButAChangeNeedsTheRightCsrfToken() {
        Http.Reply session = logIn(register(), PASSWORD);
        String cookie = cookieOf(session);
        String csrf = session.json().get("csrf_token").asText();
        long before = storedTodos();

        Http.Reply read = http.get("/todo", "Cookie", cookie);
        assertThat(read.status()).as(read.body()).isEqualTo(200);

        for (Http.Reply refused : List.of(
                http.postJson("/todo", "{\"content\": \"forged\"}", "Cookie", cookie),
                http.postJson("/todo", "{\"content\": \"forged\"}", "Cookie", cookie, "X-CSRF-Token", "wrong"),
                http.postJson("/todo", "{\"content\": \"forged\"}", "Cookie", cookie,
                        "X-CSRF-Token", csrf.substring(1)),
                http.postForm("/todo", Map.of("content", "forged"), "Cookie", cookie),
                http.delete("/todos", "Cookie", cookie),
                http.delete("/accounts/me", "Cookie", cookie))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).isEqualTo(CSRF_PROBLEM);
            assertThat(refused.json().get("detail").asText()).contains("X-CSRF-Token");
            assertThat(refused.header("X-Request-Id")).isPresent();
        }
        assertThat(http.postJson("/todo", "{\"content\": \"x\"}", "Cookie", cookie).json().get("detail").asText())
                .as("says what is missing").contains("needs the X-CSRF-Token header");
        assertThat(storedTodos()).as("nothing created").isEqualTo(before);
        assertThat(http.get("/accounts/me", "Cookie", cookie).status()).as("the account is still there")
                .isEqualTo(200);

        Http.Reply created = http.postJson("/todo", "{\"content\": \"from the page\"}", "Cookie", cookie,
                "X-CSRF-Token", csrf);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(other.get("/todo/" + created.json().get("id").asText(), "Cookie", cookie).json()
                .get("content").asText()).isEqualTo("from the page");
        Http.Reply again = other.get("/session", "Cookie", cookie);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("csrf_token").asText()).as("stateless: any node, the same token").isEqualTo(csrf);
        assertThat(again.json().get("account")).isEqualTo(session.json().get("account"));
    }

    @Test
    void twoAccountsCookiesSeeOnlyTheirOwnTodos() {
        Http.Reply alice = logIn(register(), PASSWORD);
        Http.Reply bob = logIn(register(), PASSWORD);
        String alices = create(alice, "alice's secret");
        String bobs = create(bob, "bob's");

        assertThat(http.get("/todo", "Cookie", cookieOf(bob)).body()).contains(bobs).doesNotContain(alices, "alice");
        assertThat(other.get("/todo/" + alices, "Cookie", cookieOf(bob)).status()).isEqualTo(404);
        Http.Reply alicesList = http.get("/todo", "Cookie", cookieOf(alice));
        assertThat(alicesList.body()).contains(alices).doesNotContain(bobs);
        assertThat(alicesList.header("Cache-Control")).as("no shared cache may keep a cookie's answer")
                .contains("private, no-cache");
        assertThat(alicesList.headers().allValues("Vary")).as("Vary").anySatisfy(vary ->
                assertThat(vary).containsIgnoringCase("Cookie"));
        assertThat(http.postJson("/todo", "{\"content\": \"x\"}", "Cookie", cookieOf(alice),
                "X-CSRF-Token", bob.json().get("csrf_token").asText()).status())
                .as("another session's CSRF token").isEqualTo(403);
    }

    @Test
    void loggingOutRevokesTheSessionOnEveryNodeAndClearsTheCookie() {
        String login = register();
        Http.Reply session = logIn(login, PASSWORD);
        String cookie = cookieOf(session);
        String csrf = session.json().get("csrf_token").asText();
        assertThat(other.get("/todo", "Cookie", cookie).status()).as("warm on node 2").isEqualTo(200);

        assertThat(http.delete("/session", "Cookie", cookie).status()).as("no CSRF token").isEqualTo(403);
        assertThat(http.get("/todo", "Cookie", cookie).status()).as("still logged in").isEqualTo(200);

        Http.Reply out = http.delete("/session", "Cookie", cookie, "X-CSRF-Token", csrf);

        assertThat(out.status()).as(out.body()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).hasValueSatisfying(cleared -> assertThat(cleared)
                .startsWith("todo_session=;").contains("; Max-Age=0", "; HttpOnly", "; SameSite=Strict", "; Path=/"));
        assertThat(http.get("/todo", "Cookie", cookie).status()).as("node 1, at once").isEqualTo(401);
        assertThat(Poll.until(GENEROUS, () -> other.get("/todo", "Cookie", cookie).status() == 401))
                .as("node 2 refuses the revoked session").isTrue();
        Http.Reply gone = other.get("/session", "Cookie", cookie);
        assertThat(gone.status()).isEqualTo(401);
        assertThat(gone.contentType()).startsWith("application/problem+json");

        Http.Reply kept = http.postJson("/tokens", "{\"login\": \"" + login + "\", \"password\": \"" + PASSWORD
                + "\"}");
        JsonNode listed = http.get("/tokens", "Authorization", "Bearer " + kept.json().get("token").asText())
                .json().get("data");
        assertThat(listed.findValuesAsText("name")).as("the session's token is gone").doesNotContain("web session");
        Http.Reply again = http.postJson("/session", credentials(login, PASSWORD), "Cookie", cookie);
        assertThat(again.status()).as("a stale cookie does not stop the next login").isEqualTo(201);
    }

    @Test
    void aWrongPasswordIsTheSameGeneric401AsForATokenAndSetsNoCookie() {
        String login = register();

        Http.Reply session = logIn(login, "a wrong password");
        Http.Reply token = http.postJson("/tokens", credentials(login, "a wrong password"));
        Http.Reply unknown = logIn("nobody-" + UUID.randomUUID() + "@example.org", "a wrong password");

        assertThat(session.status()).isEqualTo(401);
        assertThat(session.contentType()).startsWith("application/problem+json");
        assertThat(session.json()).isEqualTo(token.json()).isEqualTo(unknown.json());
        assertThat(session.header("Set-Cookie")).isEmpty();
        assertThat(logIn(login, PASSWORD).status()).as("two failures are below the limit").isEqualTo(201);
    }

    @Test
    void anAuthorizationHeaderWinsOverTheCookie() {
        Http.Reply alice = logIn(register(), PASSWORD);
        String bobsLogin = register();
        String bob = "Bearer " + http.postJson("/tokens", credentials(bobsLogin, PASSWORD)).json().get("token")
                .asText();
        create(alice, "alice's");

        Http.Reply listed = http.get("/todo", "Authorization", bob, "Cookie", cookieOf(alice));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("data")).as("bob's list").isEmpty();
        Http.Reply created = http.postJson("/todo", "{\"content\": \"bob's, no CSRF token needed\"}",
                "Authorization", bob, "Cookie", cookieOf(alice));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(http.get("/todo", "Authorization", bob).body()).contains(created.json().get("id").asText());
        assertThat(http.get("/todo", "Cookie", cookieOf(alice)).body()).doesNotContain("bob's");
        assertThat(http.get("/todo", "Authorization", "Bearer todo_not-a-real-token", "Cookie", cookieOf(alice))
                .status()).as("a bad header is not rescued by the cookie").isEqualTo(401);
        Http.Reply me = http.get("/session", "Authorization", bob, "Cookie", cookieOf(alice));
        assertThat(me.json().get("account").get("login").asText()).isEqualTo(bobsLogin);
        assertThat(me.json().get("csrf_token").isNull()).as("no session in use").isTrue();
    }

    @Test
    void withoutACookieThereIsNoSessionAndAnUnknownCookieIsThePlain401() {
        Http.Reply none = http.get("/session");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");

        String unknown = "todo_session=todo_" + "A".repeat(43);
        for (Http.Reply reply : List.of(http.get("/session", "Cookie", unknown), http.get("/todo", "Cookie", unknown),
                http.get("/todo", "Cookie", "todo_session=garbage"))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void pagesOfOtherOriginsMaySendTheCsrfHeaderButNeverCredentials() {
        Http.Reply preflight = http.send("OPTIONS", "/todo", java.net.http.HttpRequest.BodyPublishers.noBody(),
                "Origin", PAGE, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "x-csrf-token");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).contains("X-CSRF-Token"));
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEmpty();
        Http.Reply session = logIn(register(), PASSWORD);
        assertThat(http.get("/session", "Cookie", cookieOf(session), "Origin", PAGE)
                .header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void underTheDevelopmentSwitchThePageGetsTheAnonymousOwnerWithoutACookie() {
        Http anonymous = new Http(proxied);

        Http.Reply session = anonymous.get("/session");

        assertThat(session.status()).as(session.body()).isEqualTo(200);
        assertThat(session.json().toString())
                .isEqualTo("{\"account\":{\"id\":\"anonymous\",\"login\":\"anonymous\",\"anonymous\":true},"
                        + "\"csrf_token\":null}");
        assertThat(anonymous.delete("/session").status()).as("nothing to revoke").isEqualTo(204);
    }

    @Test
    void behindATrustedProxyTheCookieIsSecureWhenTheBrowserCameOverHttps() {
        Http proxy = new Http(proxied);
        String login = "user-" + UUID.randomUUID() + "@example.org";
        assertThat(proxy.postJson("/accounts", credentials(login, PASSWORD)).status()).isEqualTo(201);

        Http.Reply overHttps = proxy.postJson("/session", credentials(login, PASSWORD),
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "localhost");
        Http.Reply overHttp = proxy.postJson("/session", credentials(login, PASSWORD));

        assertThat(overHttps.status()).as(overHttps.body()).isEqualTo(201);
        assertThat(overHttps.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie).endsWith("; Secure"));
        assertThat(overHttp.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .doesNotContain("Secure"));
        Http.Reply mine = proxy.get("/session", "Cookie", cookieOf(overHttp));
        assertThat(mine.json().get("account").get("login").asText()).as("the cookie wins over the anonymous owner")
                .isEqualTo(login);
        assertThat(mine.json().get("account").has("anonymous")).isFalse();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String register() {
        String login = "user-" + UUID.randomUUID() + "@example.org";
        Http.Reply registered = http.postJson("/accounts", credentials(login, PASSWORD));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return login;
    }

    private static Http.Reply logIn(String login, String password) {
        return http.postJson("/session", credentials(login, password));
    }

    private static String credentials(String login, String password) {
        return "{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}";
    }

    /** What the browser sends back: the cookie's name and value, without its attributes. */
    private static String cookieOf(Http.Reply session) {
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        String setCookie = session.header("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String create(Http.Reply session, String content) {
        Http.Reply created = http.postJson("/todo", "{\"content\": \"" + content + "\"}", "Cookie", cookieOf(session),
                "X-CSRF-Token", session.json().get("csrf_token").asText());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static long storedTodos() {
        return nodes.store.getDatabase("todo").getCollection("todos").countDocuments(new Document());
    }
}
