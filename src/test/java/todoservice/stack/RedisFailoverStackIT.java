package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import todoservice.it.Poll;
import todoservice.it.RawHttp;
import todoservice.testing.RedisServers;

/**
 * The stack as an operator runs it on Redis Sentinel or Cluster ({@code bin/stack up --redis ...}): Tomcat nodes
 * behind nginx, separate job workers, and the Redis processes under supervisord. The primary holding the job queue
 * is killed with SIGKILL while clients read and write through nginx and an import runs; nobody notices: no request
 * fails, no acknowledged write or job is lost, a write on one node is read on the other once both use the new
 * primary, and supervisord brings the killed server back as a replica. Each topology brings up a stack of its own,
 * so this class runs before the shared stack exists ({@code @Order}) and brings each down after.
 */
@Order(2)
class RedisFailoverStackIT {

    /** The queue's keys share this hash tag: killing its primary stops the queue, the hardest case. */
    private static final String QUEUE_KEY = "jobs:{jobs.v1}:stream";
    private static final int IMPORTED = 20_000;
    private static final int READ_YOUR_WRITES_ROUNDS = 20;
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    void killingTheSentinelPrimaryFailsNoRequestAndLosesNoWriteOrJob() {
        failOver(new StackRedis("sentinel"));
    }

    @Test
    void killingAClusterPrimaryFailsNoRequestAndLosesNoWriteOrJob() {
        failOver(new StackRedis("cluster"));
    }

    private void failOver(StackRedis redis) {
        try (Stack stack = Stack.upIn(Stack.ROOT, "--redis", redis.topology())) {
            assertThat(Poll.until(LIMIT, redis::armed)).as("the %s can fail over", redis.topology()).isTrue();
            StackAccount account = StackAccount.register();
            String run = UUID.randomUUID().toString().substring(0, 8);
            String id = Todos.create(account, "failover survivor");
            Load reads = Todos.reads(account, "127.0.10.", 4, id);
            Load writes = Todos.writes(account, "127.0.11.", 1, "failover-" + run + "-write-");

            String importJob = submit(account, "/todo/import", IntStream.range(0, IMPORTED)
                    .mapToObj(i -> "{\"content\": \"failover-" + run + "-import-" + i + "\"}")
                    .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8), "Content-Type",
                    "application/x-ndjson");
            Poll.until(LIMIT, () -> !JobsStackIT.get(account, importJob).path("state").asText().equals("queued"));
            // Acknowledged just before the kill: on Sentinel and Cluster its 202 waited for a replica to have it.
            String exportJob = submit(account, "/todo/export?format=json", new byte[0]);

            int killed = redis.primaryOf(QUEUE_KEY);
            Stack.Program server = Stack.program(StackRedis.program(killed));
            long killedAt = System.nanoTime();
            Stack.kill9(server.pid());
            assertThat(Poll.until(LIMIT, () -> redis.failedOver(QUEUE_KEY, killed)))
                    .as("a replica took over from %s", server.name()).isTrue();
            double promoted = Stack.seconds(killedAt);
            assertThat(Poll.until(LIMIT, () -> usesRedis(8000) && usesRedis(8001)))
                    .as("both nodes use Redis again").isTrue();
            double nodesBack = Stack.seconds(killedAt);
            for (int round = 0; round < READ_YOUR_WRITES_ROUNDS; round++) {
                int writer = 8000 + round % 2;
                assertThat(readsOwnWrite(account, writer, 8001 - round % 2, "failover-" + run + "-ryw-" + round))
                        .as("round %d: a write on :%d is in the other node's next read", round, writer).isTrue();
            }
            JsonNode imported = awaitEnd(account, importJob);
            JsonNode exported = awaitEnd(account, exportJob);
            assertThat(Poll.until(LIMIT, () -> Stack.program(server.name()).pid() != server.pid()
                    && RedisServers.replicaInSync(killed))).as("supervisord brought %s back as a replica", server.name())
                    .isTrue();
            double rejoined = Stack.seconds(killedAt);

            List<Load.Outcome> readOutcomes = reads.stop();
            List<Load.Outcome> writeOutcomes = writes.stop();
            Stack.figure("Redis %s, primary %s SIGKILLed under load (stack, nginx, 2 nodes, 2 workers): replica"
                    + " promoted %.1f s, both nodes on Redis again %.1f s, killed server back as a replica %.1f s;"
                    + " %d GETs, %d failed; %d POSTs, %d not 201; import %s (attempts %s), export %s",
                    redis.topology(), server.name(), promoted, nodesBack, rejoined, readOutcomes.size(),
                    Todos.failures(readOutcomes, 200).size(), writeOutcomes.size(),
                    Todos.failures(writeOutcomes, 201).size(), imported.path("state").asText(),
                    imported.path("attempts").asText(), exported.path("state").asText());
            assertThat(Todos.failures(readOutcomes, 200)).as("failed GETs").isEmpty();
            assertThat(Todos.failures(writeOutcomes, 201)).as("failed POSTs").isEmpty();
            Todos.assertNoDuplicates(account, writeOutcomes, "failover-" + run + "-write-");
            assertThat(imported.path("state").asText()).as("the import: %s", imported).isEqualTo("succeeded");
            assertThat(exported.path("state").asText()).as("the export: %s", exported).isEqualTo("succeeded");
            assertThat(JobsStackIT.storedWithPrefix("failover-" + run + "-import-")).as("each imported row once")
                    .isEqualTo(IMPORTED);
        }
    }

    /** The node's readiness, asked directly: its cache's and its queue's Redis answer, breakers closed. */
    private static boolean usesRedis(int port) {
        try (RawHttp direct = new RawHttp("127.0.0.1", port)) {
            JsonNode checks = direct.get("/health/ready").json().path("checks");
            return List.of("redis", "jobs").stream().allMatch(check ->
                    "UP".equals(checks.path(check).path("status").asText())
                            && "CLOSED".equals(checks.path(check).path("breaker").asText()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Creates a todo on one node and tells whether the other node's next first page has it. */
    private static boolean readsOwnWrite(StackAccount account, int writer, int reader, String content) {
        String id;
        try (RawHttp client = account.client("127.0.0.9", writer)) {
            RawHttp.Reply created = client.send("POST", "/todo", Todos.json(content), "Content-Type",
                    "application/json");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            id = created.json().get("id").asText();
        }
        try (RawHttp client = account.client("127.0.0.9", reader)) {
            RawHttp.Reply page = client.get("/todo?limit=10");
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            for (JsonNode todo : page.json().get("data")) {
                if (id.equals(todo.get("id").asText())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String submit(StackAccount account, String path, byte[] body, String... headers) {
        try (RawHttp client = account.client("127.0.0.9")) {
            RawHttp.Reply accepted = client.send("POST", path, body, headers);
            assertThat(accepted.status()).as("POST %s: %s", path, accepted.text()).isEqualTo(202);
            return URI.create(accepted.header("Location")).getPath();
        }
    }

    private static JsonNode awaitEnd(StackAccount account, String job) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        assertThat(Poll.until(LIMIT, () -> {
            last.set(JobsStackIT.get(account, job));
            return List.of("succeeded", "failed", "cancelled").contains(last.get().path("state").asText());
        })).as("job %s ends; last seen %s", job, last.get()).isTrue();
        return last.get();
    }
}
