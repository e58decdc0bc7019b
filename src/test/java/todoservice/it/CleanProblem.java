package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What every refusal must look like, whichever layer answers it: a problem document that tells nothing inside. */
public final class CleanProblem {

    /** Words that only a stack trace, a library's message or a server's HTML page would bring into an answer. */
    private static final List<String> INTERNALS =
            List.of("java.", "jakarta.", "org.apache", "com.fasterxml", "Exception", "<html", "Tomcat", "Jetty");

    private CleanProblem() {
    }

    public static void assertCleanProblem(RawHttp.Reply reply, int status) {
        assertThat(reply.status()).as("status; body %s", reply.text()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("Content-Type; body %s", reply.text())
                .isEqualTo("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("title").asText()).isNotBlank();
        assertThat(reply.json().get("detail").asText()).isNotBlank();
        for (String internal : INTERNALS) {
            assertThat(reply.text()).as("body names %s", internal).doesNotContainIgnoringCase(internal);
        }
    }
}
