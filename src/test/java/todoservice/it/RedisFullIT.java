package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A full Redis (issue 18): the cache and the job queue share one Redis that is over its {@code maxmemory} with
 * {@code noeviction}, so it refuses every command that may need memory (OOM) while it still answers reads,
 * {@code DEL} and {@code PUBLISH}. Todos must be read and written as usual, and no write may be hidden by a copy
 * Redis still holds; a job submission is a 503 problem document; every job accepted (202) still runs.
 */
class RedisFullIT {

    /** L2 copies stay fresh for 10 minutes, so a copy a write failed to retire would outlive every poll here. */
    private static final Map<String, String> SETTINGS = Map.of("CACHE_L2_FRESH_TTL", "10m",
            "JOBS_VISIBILITY_TIMEOUT", "10s", "JOBS_IMPORT_BATCH_SIZE", "100");
    private static final int IMPORT_ROWS = 5_000;

    @Test
    void todosAreReadAndWrittenAsUsualAndEveryNodeSeesEachWriteAtOnce() {
        try (CacheCluster cluster = CacheCluster.start(2, SETTINGS)) {
            Http a = cluster.node(0);
            Http b = cluster.node(1);
            String kept = CacheCluster.create(a, "kept");
            String doomed = CacheCluster.create(a, "deleted while Redis is full");
            String finished = CacheCluster.create(a, "finished while Redis is full");
            for (Http node : List.of(a, b)) {
                assertThat(ids(node.get("/todo"))).contains(kept, doomed, finished);
                assertThat(node.get("/todo/" + doomed).status()).isEqualTo(200);
                assertThat(node.get("/todo/" + finished).json().get("is_finished").asBoolean()).isFalse();
            }

            fill(cluster);
            Timed timed = new Timed();
            String written = timed.of(() -> a.postForm("/todo", Map.of("content", "written while Redis is full")))
                    .json().get("id").asText();
            assertThat(timed.of(() -> a.delete("/todo/" + doomed)).status()).isEqualTo(204);
            for (Http node : List.of(a, b)) {
                assertThat(ids(timed.of(() -> node.get("/todo")))).as("each node's first page at once")
                        .contains(kept, written).doesNotContain(doomed);
                assertThat(timed.of(() -> node.get("/todo/" + doomed)).status()).as("the deleted todo").isEqualTo(404);
            }
            assertThat(timed.of(() -> b.put("/todo/" + finished + "/finish")).status()).isEqualTo(200);
            for (Http node : List.of(a, b)) {
                assertThat(timed.of(() -> node.get("/todo/" + finished)).json().get("is_finished").asBoolean())
                        .as("the todo node B finished").isTrue();
            }
            // Past L1's lifetime (5 s), only the L2 copies made before the writes could still hide them.
            CacheCluster.sleep(6_000);
            for (Http node : List.of(a, b)) {
                assertThat(ids(timed.of(() -> node.get("/todo")))).contains(kept, written).doesNotContain(doomed);
                assertThat(timed.of(() -> node.get("/todo/" + doomed)).status()).isEqualTo(404);
            }
            assertThat(a.get("/health/ready").status()).as("readiness while Redis is full").isEqualTo(200);
            System.out.println("full Redis: slowest todo answer " + timed.slowestMillis + " ms");
            assertThat(timed.slowestMillis).as("slowest todo answer, ms").isLessThan(5_000);

            makeRoom(cluster);
            String after = CacheCluster.create(b, "written after Redis has room again");
            for (Http node : List.of(a, b)) {
                assertThat(ids(node.get("/todo"))).contains(kept, written, after).doesNotContain(doomed);
                assertThat(node.get("/todo/" + doomed).status()).isEqualTo(404);
            }
        }
    }

    @Test
    void jobSubmissionsAreA503WhileRedisIsFullAndEveryAcceptedJobRunsOnceItHasRoom() {
        try (CacheCluster cluster = CacheCluster.start(1, SETTINGS);
                MongoClient client = MongoClients.create(cluster.mongo().uri("todo"))) {
            Http node = cluster.node(0);
            Http.Reply importing = node.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(
                    IntStream.range(0, IMPORT_ROWS).mapToObj(i -> "{\"content\": \"row " + i + "\"}")
                            .collect(Collectors.joining("\n")), StandardCharsets.UTF_8),
                    "Content-Type", "application/x-ndjson");
            String importJob = Jobs.location(importing);
            assertThat(Poll.until(() -> node.get(importJob).json().at("/progress/done").asLong() >= 200))
                    .as("the import is under way").isTrue();
            List<String> accepted = new ArrayList<>(List.of(importJob));
            accepted.add(Jobs.location(node.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody())));

            fill(cluster);
            // Uploads only: the export accepted above may write its result file at any moment.
            Bson uploads = Filters.regex("filename", "^import-");
            long files = client.getDatabase("todo").getCollection("job_files.files").countDocuments(uploads);
            Timed timed = new Timed();
            List<Http.Reply> refused = List.of(
                    timed.of(() -> node.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody())),
                    timed.of(() -> node.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(
                            "{\"content\": \"one\"}\n"), "Content-Type", "application/x-ndjson")),
                    timed.of(() -> node.delete("/todo?finished=true")));
            for (Http.Reply reply : refused) {
                assertThat(reply.status()).as("a submission while Redis is full: %s", reply.body()).isEqualTo(503);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.header("Retry-After")).isPresent();
                assertThat(reply.body()).doesNotContain("OOM", "redis.clients", "Jedis");
            }
            assertThat(client.getDatabase("todo").getCollection("job_files.files").countDocuments(uploads))
                    .as("no upload left behind").isEqualTo(files);
            assertThat(timed.of(() -> node.get(importJob)).status()).as("reading a job").isEqualTo(200);
            assertThat(timed.of(() -> node.get("/jobs")).status()).as("listing jobs").isEqualTo(200);
            System.out.println("full Redis: slowest job answer " + timed.slowestMillis + " ms");
            assertThat(timed.slowestMillis).as("slowest job answer, ms").isLessThan(5_000);
            // Room again before the worker gives up recording how the interrupted attempt ended (10 s).
            CacheCluster.sleep(3_000);

            makeRoom(cluster);
            for (String job : accepted) {
                JsonNode ended = Jobs.awaitEnd(node, job, Duration.ofSeconds(90));
                assertThat(ended.get("state").asText()).as("job %s", ended).isEqualTo("succeeded");
            }
            assertThat(node.get(importJob).json().get("attempts").asInt())
                    .as("the attempt the full Redis interrupted was handed back, not counted as failed")
                    .isEqualTo(1);
            assertThat(client.getDatabase("todo").getCollection("todos")
                    .countDocuments(new Document("content", new Document("$regex", "^row "))))
                    .as("every imported row stored once").isEqualTo(IMPORT_ROWS);
            assertThat(client.getDatabase("todo").getCollection("todos").distinct("content", String.class)
                    .into(new ArrayList<>())).hasSize(IMPORT_ROWS);
            Jobs.awaitSuccess(node, node.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody()));
        }
    }

    /** Sets Redis's maxmemory below what it holds: with noeviction, every command that may need memory fails. */
    private static void fill(CacheCluster cluster) {
        try (Jedis jedis = new Jedis("127.0.0.1", cluster.redis().port())) {
            jedis.configSet("maxmemory-policy", "noeviction");
            long used = Long.parseLong(jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                    .findFirst().orElseThrow().substring("used_memory:".length()).trim());
            jedis.configSet("maxmemory", Long.toString(used / 2));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jedis.set("probe", "x")))
                    .as("Redis refuses writes").hasMessageContaining("OOM");
        }
    }

    private static void makeRoom(CacheCluster cluster) {
        try (Jedis jedis = new Jedis("127.0.0.1", cluster.redis().port())) {
            jedis.configSet("maxmemory", "0");
        }
    }

    private static List<String> ids(Http.Reply page) {
        assertThat(page.status()).as("answer %s", page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(todo -> ids.add(todo.get("id").asText()));
        return ids;
    }

    /** Sends requests and remembers how long the slowest took to answer. */
    private static final class Timed {
        long slowestMillis;

        Http.Reply of(Supplier<Http.Reply> request) {
            long started = System.nanoTime();
            Http.Reply reply = request.get();
            slowestMillis = Math.max(slowestMillis, (System.nanoTime() - started) / 1_000_000);
            return reply;
        }
    }
}
