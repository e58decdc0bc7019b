package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Follows a job the API accepted (202 + Location) until it ends, polling with a generous limit. */
public final class Jobs {

    private static final Set<String> ENDED = Set.of("succeeded", "failed", "cancelled");

    private Jobs() {
    }

    /** The job's path ({@code /jobs/{id}}) from an accepted answer, which must be a 202. */
    public static String location(Http.Reply accepted) {
        assertThat(accepted.status()).as("answer %s", accepted.body()).isEqualTo(202);
        return URI.create(accepted.header("Location").orElseThrow()).getPath();
    }

    /** The job once it has ended (or fails the test after {@code limit}); {@code headers} go with each poll. */
    public static JsonNode awaitEnd(Http http, String jobPath, Duration limit, String... headers) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        boolean ended = Poll.until(limit, () -> {
            Http.Reply reply = http.get(jobPath, headers);
            if (reply.status() != 200) {
                return false;
            }
            last.set(reply.json());
            return ENDED.contains(reply.json().get("state").asText());
        });
        assertThat(ended).as("job %s ended within %s; last seen %s", jobPath, limit, last.get()).isTrue();
        return last.get();
    }

    /** Follows an accepted answer to a job that must succeed; returns the job. */
    public static JsonNode awaitSuccess(Http http, Http.Reply accepted) {
        JsonNode job = awaitEnd(http, location(accepted), Duration.ofSeconds(60));
        assertThat(job.get("state").asText()).as("job %s", job).isEqualTo("succeeded");
        return job;
    }
}
