package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.EmbeddedRedis;

/**
 * The jobs API over real HTTP: imports in each format, exports downloaded, bulk deletes, the job list and
 * cancellation, with the app's own workers (JOBS_RUN_IN_APP defaults to true) on a real redis-server.
 */
class JobApiIT {

    private static final int IMPORT_LIMIT = 200_000;

    private static EmbeddedMongo mongo;
    private static EmbeddedRedis redis;
    private static TestServer server;
    private static Http http;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        redis = EmbeddedRedis.start(0);
        server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo"), "REDIS_URI", redis.uri(),
                "JOBS_IMPORT_MAX_BYTES", Integer.toString(IMPORT_LIMIT), "JOBS_IMPORT_BATCH_SIZE", "100"));
        http = new Http(server);
        client = MongoClients.create(mongo.uri("todo"));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        redis.close();
        mongo.close();
    }

    @BeforeEach
    void emptyList() {
        client.getDatabase("todo").getCollection("todos").deleteMany(new org.bson.Document());
    }

    private static Http.Reply upload(String contentType, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", contentType));
        all.addAll(List.of(headers));
        return http.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                all.toArray(String[]::new));
    }

    private static JsonNode report(JsonNode job) {
        Http.Reply result = http.get(java.net.URI.create(job.get("result").asText()).getPath());
        assertThat(result.status()).isEqualTo(200);
        return result.json();
    }

    private static List<String> contents() {
        List<String> found = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = http.get("/todo?limit=100" + (next == null ? "" : "&after=" + next)).json();
            page.get("data").forEach(todo -> found.add(todo.get("content").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        return found;
    }

    private static long storedFiles() {
        return client.getDatabase("todo").getCollection("job_files.files").countDocuments();
    }

    @Test
    void anNdjsonImportStoresTheGoodLinesAndReportsTheBadOnesByLineNumber() {
        String body = "{\"content\": \"买牛奶\"}\n"
                + "{\"content\": \"写周报\", \"is_finished\": true}\n"
                + "not json\n"
                + "\n"
                + "{\"content\": \"   \"}\n"
                + "{\"content\": \"跑步 🏃\"}\n";
        Http.Reply accepted = upload("application/x-ndjson", body);

        JsonNode job = Jobs.awaitSuccess(http, accepted);
        assertThat(job.get("type").asText()).isEqualTo("import");
        assertThat(job.get("progress").get("done").asLong()).isEqualTo(job.get("progress").get("total").asLong());
        JsonNode report = report(job);
        assertThat(report.get("imported").asLong()).isEqualTo(3);
        assertThat(report.get("problem_count").asLong()).isEqualTo(2);
        assertThat(report.get("problems").findValuesAsText("line")).containsExactly("3", "5");
        // Newest first, and the file's last line counts as the newest.
        assertThat(contents()).containsExactly("跑步 🏃", "写周报", "买牛奶");
        assertThat(http.get("/todo?finished=true").json().get("data").findValuesAsText("content"))
                .containsExactly("写周报");
    }

    @Test
    void aJsonArrayAndACsvFileImportAlike() {
        Jobs.awaitSuccess(http, upload("application/json",
                "[{\"content\": \"one\"}, {\"content\": \"two\", \"is_finished\": true}]"));
        Jobs.awaitSuccess(http, upload("text/csv; charset=utf-8", "content,is_finished\nthree,false\n\"four, with comma\",true\n"));

        assertThat(contents()).containsExactlyInAnyOrder("one", "two", "three", "four, with comma");
        assertThat(http.get("/todo?finished=true").json().get("data").findValuesAsText("content"))
                .containsExactlyInAnyOrder("two", "four, with comma");
    }

    @Test
    void anExportDownloadsEveryTodoAndImportsBackAsTheSameList() {
        Jobs.awaitSuccess(http, upload("application/x-ndjson", IntStream.range(0, 250)
                .mapToObj(i -> "{\"content\": \"item " + i + "\"}").collect(Collectors.joining("\n"))));
        List<String> before = contents();

        for (String format : List.of("json", "csv")) {
            JsonNode job = Jobs.awaitSuccess(http, http.send("POST", "/todo/export?format=" + format,
                    HttpRequest.BodyPublishers.noBody()));
            Http.Reply file = http.get(java.net.URI.create(job.get("result").asText()).getPath());
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.contentType()).startsWith(format.equals("json") ? "application/json" : "text/csv");
            assertThat(file.header("Content-Disposition").orElseThrow()).contains("attachment").contains(format);

            emptyList();
            Jobs.awaitSuccess(http, upload(format.equals("json") ? "application/json" : "text/csv", file.body()));
            assertThat(contents()).as(format).containsExactlyElementsOf(before);
        }
    }

    @Test
    void clearingFinishedTodosRunsAsAJobAndLeavesTheOthers() {
        String done = http.postForm("/todo", Map.of("content", "done")).json().get("id").asText();
        String open = http.postForm("/todo", Map.of("content", "open")).json().get("id").asText();
        http.put("/todo/" + done + "/finish");

        JsonNode job = Jobs.awaitSuccess(http, http.delete("/todo?finished=true"));

        assertThat(job.get("type").asText()).isEqualTo("clear");
        assertThat(report(job).get("deleted").asLong()).isEqualTo(1);
        assertThat(http.get("/todo/" + done).status()).isEqualTo(404);
        assertThat(http.get("/todo/" + open).status()).isEqualTo(200);
    }

    @Test
    void finishingEveryTodoReachesTodosBeyondTheFirstPagesAndReopeningUndoesIt() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 230; i++) {
            lines.append("{\"content\": \"todo ").append(i).append("\"}\n");
        }
        Jobs.awaitSuccess(http, upload("application/x-ndjson", lines.toString()));
        String first = http.get("/todo?limit=1").json().get("data").get(0).get("id").asText();
        http.put("/todo/" + first + "/finish");
        assertThat(http.get("/todo/counts").json().get("active").asLong()).isEqualTo(229);

        JsonNode finished = Jobs.awaitSuccess(http, http.patchJson("/todo", "{\"is_finished\": true}"));

        assertThat(finished.get("type").asText()).isEqualTo("mark");
        assertThat(report(finished).get("changed").asLong()).isEqualTo(229);
        JsonNode counts = http.get("/todo/counts").json();
        assertThat(counts.get("active").asLong()).isZero();
        assertThat(counts.get("completed").asLong()).isEqualTo(230);
        assertThat(http.get("/todo?finished=false").json().get("data")).as("the cached first page too").isEmpty();

        JsonNode reopened = Jobs.awaitSuccess(http, http.patchJson("/todo", "{\"is_finished\": false}"));

        assertThat(report(reopened).get("changed").asLong()).isEqualTo(230);
        assertThat(http.get("/todo/counts").json().get("completed").asLong()).isZero();
        assertThat(contents()).hasSize(230);
    }

    @Test
    void markingEveryTodoTakesIsFinishedAloneAndStoresNothingOtherwise() {
        String id = http.postForm("/todo", Map.of("content", "keep")).json().get("id").asText();

        for (String body : List.of("{\"content\": \"x\", \"is_finished\": true}", "{}", "{\"is_finished\": null}",
                "{\"is_finished\": \"yes\"}", "{\"owner\": \"someone\", \"is_finished\": true}")) {
            Http.Reply refused = http.patchJson("/todo", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(http.send("PATCH", "/todo", HttpRequest.BodyPublishers.ofString("is_finished=true"),
                "Content-Type", "application/x-www-form-urlencoded").status()).isEqualTo(415);
        assertThat(http.get("/todo/" + id).json().get("is_finished").asBoolean()).isFalse();
    }

    @Test
    void theJobListShowsTheCallersJobsNewestFirst() {
        String first = Jobs.location(http.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody()));
        String second = Jobs.location(http.send("POST", "/todo/export?format=csv",
                HttpRequest.BodyPublishers.noBody()));

        List<String> ids = http.get("/jobs?limit=100").json().get("data").findValuesAsText("id");
        assertThat(ids).containsSubsequence(last(second), last(first));
        assertThat(http.get("/jobs?limit=0").status()).isEqualTo(400);
    }

    @Test
    void sameIdempotencyKeySentTwiceAtOnceGivesOneJob() {
        List<Http.Reply> replies = Http.atOnce(6, i -> http.send("POST", "/todo/export?format=csv",
                HttpRequest.BodyPublishers.noBody(), "Idempotency-Key", "export-once"));

        Set<String> locations = new HashSet<>();
        replies.forEach(reply -> locations.add(Jobs.location(reply)));
        assertThat(locations).hasSize(1);
        assertThat(replies.stream().filter(reply -> reply.header("Idempotent-Replayed").isPresent())).hasSize(5);
        Http.Reply otherRequest = http.send("POST", "/todo/export?format=json", HttpRequest.BodyPublishers.noBody(),
                "Idempotency-Key", "export-once");
        assertThat(otherRequest.status()).isEqualTo(422);
    }

    @Test
    void anUploadOverTheLimitIs413AndStoresNothing() {
        long files = storedFiles();
        String big = "{\"content\": \"" + "x".repeat(900) + "\"}\n";
        Http.Reply refused = upload("application/x-ndjson", big.repeat(IMPORT_LIMIT / big.length() + 2));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void anUploadInAnotherFormatIs415() {
        assertThat(upload("text/plain", "hello").status()).isEqualTo(415);
    }

    @Test
    void cancellingAnEndedOrUnknownJobIsRefused() {
        JsonNode job = Jobs.awaitSuccess(http, http.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody()));
        String path = "/jobs/" + job.get("id").asText();

        assertThat(http.delete(path).status()).isEqualTo(409);
        assertThat(http.delete("/jobs/0123456789abcdef01234567").status()).isEqualTo(404);
        assertThat(http.get("/jobs/not-an-id").status()).isEqualTo(404);
        assertThat(http.get("/jobs/0123456789abcdef01234567/result").status()).isEqualTo(404);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
