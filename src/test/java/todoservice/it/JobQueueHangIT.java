package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.EmbeddedRedis;

/**
 * The job queue's Redis hangs (issue 18): it stops answering while the cache's Redis carries on. The queue's client
 * waits 3 s per call, so without protection every job request would hold a request thread that long; after the
 * first failures they must be a quick 503 problem document, todos must be unaffected, readiness must say so, and
 * every job accepted before the hang must still run once Redis answers again.
 */
class JobQueueHangIT {

    private static final int IMPORT_ROWS = 2_000;
    /** Well under the queue client's 3 s timeout, which every request would wait without a breaker. */
    private static final long QUICK_MILLIS = 1_000;

    @Test
    void jobRequestsAreAQuick503WhileTheQueuesRedisHangsTodosCarryOnAndNoAcceptedJobIsLost() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                EmbeddedRedis redis = EmbeddedRedis.start(0);
                RedisLink link = new RedisLink(redis.port());
                TestServer server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo"),
                        "REDIS_URI", redis.uri(), "JOBS_REDIS_URI", link.uri(),
                        "JOBS_VISIBILITY_TIMEOUT", "5s", "JOBS_IMPORT_BATCH_SIZE", "100"));
                MongoClient client = MongoClients.create(mongo.uri("todo"))) {
            Http http = new Http(server);
            Jobs.awaitSuccess(http, export(http));
            String importJob = Jobs.location(http.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(
                    IntStream.range(0, IMPORT_ROWS).mapToObj(i -> "{\"content\": \"row " + i + "\"}")
                            .collect(Collectors.joining("\n")), StandardCharsets.UTF_8),
                    "Content-Type", "application/x-ndjson"));

            link.hang();
            List<Long> jobMillis = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean submit = i % 2 == 0;
                long[] took = new long[1];
                Http.Reply refused = timed(() -> submit ? export(http) : http.get("/jobs"), took);
                jobMillis.add(took[0]);
                assertThat(refused.status()).as("a job request while the queue hangs: %s", refused.body())
                        .isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isPresent();
                assertThat(refused.body()).doesNotContain("Jedis", "redis.clients", "timed out");
            }
            System.out.println("hanging queue Redis: job requests answered in " + jobMillis + " ms");
            assertThat(jobMillis.subList(3, 6)).as("job requests once the first three have failed, ms")
                    .allSatisfy(millis -> assertThat(millis).isLessThan(QUICK_MILLIS));

            long[] took = new long[1];
            String id = timed(() -> http.postForm("/todo", Map.of("content", "while the queue hangs")), took)
                    .json().get("id").asText();
            List<Long> todoMillis = new ArrayList<>(List.of(took[0]));
            assertThat(timed(() -> http.get("/todo"), took).body()).contains(id);
            todoMillis.add(took[0]);
            assertThat(timed(() -> http.get("/todo/" + id), took).status()).isEqualTo(200);
            todoMillis.add(took[0]);
            System.out.println("hanging queue Redis: todo requests answered in " + todoMillis + " ms");
            assertThat(todoMillis).allSatisfy(millis -> assertThat(millis).isLessThan(QUICK_MILLIS));

            Http.Reply ready = timed(() -> http.get("/health/ready"), took);
            System.out.println("hanging queue Redis: readiness answered in " + took[0] + " ms: " + ready.body());
            assertThat(ready.status()).as("readiness without the queue").isEqualTo(200);
            assertThat(ready.json().at("/checks/jobs/status").asText()).isEqualTo("DOWN");
            assertThat(ready.json().at("/checks/jobs/breaker").asText()).isEqualTo("OPEN");
            assertThat(took[0]).as("readiness, ms").isLessThan(QUICK_MILLIS);

            link.heal();
            assertThat(Poll.until(() -> export(http).status() == 202)).as("jobs are accepted again").isTrue();
            JsonNode imported = Jobs.awaitEnd(http, importJob, Duration.ofSeconds(90));
            assertThat(imported.get("state").asText()).as("the import accepted before the hang: %s", imported)
                    .isEqualTo("succeeded");
            assertThat(client.getDatabase("todo").getCollection("todos")
                    .countDocuments(new Document("content", new Document("$regex", "^row "))))
                    .as("every imported row stored once").isEqualTo(IMPORT_ROWS);
            assertThat(http.get("/health/ready").json().at("/checks/jobs/status").asText()).isEqualTo("UP");
        }
    }

    private static Http.Reply export(Http http) {
        return http.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody());
    }

    private static Http.Reply timed(Supplier<Http.Reply> request, long[] millis) {
        long started = System.nanoTime();
        Http.Reply reply = request.get();
        millis[0] = (System.nanoTime() - started) / 1_000_000;
        return reply;
    }
}
