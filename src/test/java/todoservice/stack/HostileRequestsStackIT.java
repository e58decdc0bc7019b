package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static todoservice.it.CleanProblem.assertCleanProblem;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import todoservice.it.RawHttp;

/**
 * Issue 18: requests no client should send, through nginx on 8888 over raw sockets. Whichever layer refuses one
 * (nginx, Tomcat, the application), the client gets a problem document that names nothing inside, with the
 * request id, and the service answers the next request normally.
 */
@ExtendWith(StackExtension.class)
class HostileRequestsStackIT {

    record Hostile(String name, String method, String target, byte[] body, int status, String... headers) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> requests() {
        String big = "a".repeat(20_000);
        byte[] form = "content=x".getBytes(StandardCharsets.UTF_8);
        byte[] json = "{\"content\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                new Hostile("a NUL in the path (nginx)", "GET", "/todo\u0000x", null, 400),
                new Hostile("%00 in the path (nginx)", "GET", "/todo/%00", null, 400),
                new Hostile("a CR in a header (nginx)", "GET", "/todo", null, 400, "X-Note", "a\rb"),
                new Hostile("encoded dot segments above the root (nginx)", "GET", "/todo/%2e%2e/%2e%2e/etc/passwd",
                        null, 400),
                new Hostile("%2e%2e%2f in a job id (Tomcat)", "GET", "/jobs/%2e%2e%2fx", null, 400),
                new Hostile("%2F in a job id (Tomcat)", "GET", "/jobs/a%2Fb", null, 400),
                new Hostile("a URI over 8 KB (nginx)", "GET", "/todo?q=" + big, null, 414),
                new Hostile("a header over 8 KB (nginx)", "GET", "/todo", null, 431, "X-Big", big),
                new Hostile("TRACE (nginx)", "TRACE", "/todo", null, 405),
                new Hostile("an unknown Transfer-Encoding (nginx)", "POST", "/todo", null, 501,
                        "Transfer-Encoding", "gzip"),
                new Hostile("PUT on the collection (application)", "PUT", "/todo", json, 405),
                new Hostile("a form in an unknown charset (application)", "POST", "/todo", form, 415,
                        "Content-Type", "application/x-www-form-urlencoded; charset=x-unknown"),
                new Hostile("a malformed Content-Type (application)", "POST", "/todo", json, 400,
                        "Content-Type", "application/json; charset"),
                new Hostile("a malformed Accept (application)", "GET", "/todo", null, 400,
                        "Accept", "application/json;q=abc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void isAProblemDocumentAndTheServiceAnswersTheNextRequest(Hostile hostile) {
        try (RawHttp client = StackAccount.shared().client("127.0.0.6")) {
            RawHttp.Reply reply = client.send(hostile.method(), hostile.target(), hostile.body(), hostile.headers());
            assertCleanProblem(reply, hostile.status());
            assertThat(reply.header("X-Request-Id")).isNotBlank();
            if (hostile.method().equals("PUT")) {
                assertThat(reply.header("Allow")).contains("GET").contains("POST");
            }
        }
        try (RawHttp client = StackAccount.shared().client("127.0.0.6")) {
            assertThat(client.get("/todo?limit=1").status()).isEqualTo(200);
        }
    }
}
