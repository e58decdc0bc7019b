package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.Poll;
import todoservice.it.RawHttp;

/**
 * The job workers of the stack: supervisord's {@code jobs-worker} processes run what the nodes queue (the nodes
 * run no jobs themselves), and a worker killed with SIGKILL mid-import is restarted while the job still ends
 * with every row stored once.
 */
@ExtendWith(StackExtension.class)
class JobsStackIT {

    private static final Duration JOB_LIMIT = Duration.ofMinutes(4);

    @Test
    void anImportThroughNginxIsRunByTheWorkerProcessesEvenWhenOneIsKilled() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int rows = 20_000;
        byte[] body = IntStream.range(0, rows).mapToObj(i -> "{\"content\": \"stack-" + run + "-" + i + "\"}")
                .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
        String job;
        StackAccount account = StackAccount.shared();
        try (RawHttp client = account.client("127.0.0.9")) {
            RawHttp.Reply accepted = client.send("POST", "/todo/import", body, "Content-Type", "application/x-ndjson");
            assertThat(accepted.status()).isEqualTo(202);
            job = URI.create(accepted.header("Location")).getPath();
        }

        // Kill whichever worker holds the job once it has made progress (or leave it, if it was too quick).
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        Poll.until(JOB_LIMIT, () -> {
            seen.set(get(account, job));
            return seen.get().get("progress").get("done").asLong() > 0
                    || !seen.get().get("state").asText().equals("queued");
        });
        Stack.Program worker0 = Stack.program("jobs-worker:jobs-worker-0");
        Stack.Program worker1 = Stack.program("jobs-worker:jobs-worker-1");
        assertThat(worker0.state()).isEqualTo("RUNNING");
        assertThat(worker1.state()).isEqualTo("RUNNING");
        boolean killedMidJob = get(account, job).get("state").asText().equals("running");
        long killed = System.nanoTime();
        Stack.kill9(worker0.pid());
        Stack.kill9(worker1.pid());

        assertThat(Poll.until(JOB_LIMIT, () -> Stack.program("jobs-worker:jobs-worker-0").pid() != worker0.pid()
                && Stack.program("jobs-worker:jobs-worker-0").state().equals("RUNNING")))
                .as("supervisord restarts a killed worker").isTrue();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        assertThat(Poll.until(JOB_LIMIT, () -> {
            last.set(get(account, job));
            return last.get().get("state").asText().equals("succeeded");
        })).as("the import ends; last seen %s", last.get()).isTrue();
        Stack.figure("import of %d rows through nginx, both workers killed with SIGKILL %s: succeeded %.1f s"
                + " after the kill, attempts %d", rows, killedMidJob ? "mid-job" : "before it started",
                Stack.seconds(killed), last.get().get("attempts").asInt());

        try (RawHttp client = account.client("127.0.0.9")) {
            JsonNode report = client.get(URI.create(last.get().get("result").asText()).getPath()).json();
            assertThat(report.get("imported").asLong()).isEqualTo(rows);
        }
        assertThat(storedWithPrefix("stack-" + run + "-")).isEqualTo(rows);
    }

    static JsonNode get(StackAccount account, String path) {
        try (RawHttp client = account.client("127.0.0.9")) {
            RawHttp.Reply reply = client.get(path);
            assertThat(reply.status()).isEqualTo(200);
            return reply.json();
        }
    }

    /** Counted in the store itself, so a duplicate row would show. */
    static long storedWithPrefix(String prefix) {
        try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients.create(
                "mongodb://127.0.0.1:27017/todo")) {
            return mongo.getDatabase("todo").getCollection("todos").countDocuments(
                    com.mongodb.client.model.Filters.regex("content", "^" + prefix));
        }
    }
}
