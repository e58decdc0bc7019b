package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static todoservice.it.CleanProblem.assertCleanProblem;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Tomcat refuses before the application runs, on a node reached directly (as nginx reaches it): a problem
 * document from the production error-report valve, never Tomcat's HTML page, and the node serves on.
 */
class ContainerRefusalsIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension();

    static Stream<Arguments> refusals() {
        String big = "a".repeat(10_000);
        return Stream.of(
                Arguments.of("a NUL in the path", "GET", "/todo\u0000x", new String[0], 400),
                Arguments.of("%00 in the path", "GET", "/todo/%00", new String[0], 400),
                Arguments.of("a CR in a header", "GET", "/todo", new String[] {"X-Note", "a\rb"}, 400),
                Arguments.of("encoded dot segments", "GET", "/todo/%2e%2e/%2e%2e/etc/passwd", new String[0], 400),
                Arguments.of("%2e%2e%2f in a job id", "GET", "/jobs/%2e%2e%2fx", new String[0], 400),
                Arguments.of("%2F in a job id", "GET", "/jobs/a%2Fb", new String[0], 400),
                Arguments.of("a character URIs do not allow", "GET", "/todo?a=<b>", new String[0], 400),
                Arguments.of("a URI longer than the header limit", "GET", "/todo?q=" + big, new String[0], 400),
                Arguments.of("a header longer than the header limit", "GET", "/todo", new String[] {"X-Big", big},
                        400),
                Arguments.of("an unknown Transfer-Encoding", "POST", "/todo",
                        new String[] {"Transfer-Encoding", "gzip"}, 501));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isAProblemDocumentAndTheNodeServesOn(String name, String method, String target, String[] headers,
            int status) {
        int port = app.server().base().getPort();
        try (RawHttp client = new RawHttp("127.0.0.1", port)) {
            assertCleanProblem(client.send(method, target, null, headers), status);
        }
        try (RawHttp client = new RawHttp("127.0.0.1", port)) {
            assertThat(client.get("/todo").status()).isEqualTo(200);
        }
    }
}
