package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import todoservice.web.Problem;

/**
 * Fair use over real HTTP against two nodes sharing the store and Redis: each account's requests are counted
 * by both nodes together, and each account's todos, job files and unfinished jobs are bounded. No worker runs,
 * so queued jobs stay queued.
 */
class LimitsIT {

    private static final int RATE_LIMIT = 30;

    private static TwoNodes nodes;
    private static Http http;
    private static Http other;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        // A window of a day: no account's window can end in the middle of a test.
        nodes = new TwoNodes(Map.of("AUTH_ANONYMOUS", "false", "JOBS_RUN_IN_APP", "false",
                "RATE_LIMIT_REQUESTS", Integer.toString(RATE_LIMIT), "RATE_LIMIT_WINDOW", "1d",
                "QUOTA_TODOS", "3", "QUOTA_JOB_FILES", "2", "QUOTA_QUEUED_JOBS", "2"));
        http = nodes.http;
        other = nodes.other;
        client = nodes.store;
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void everyAnswerTellsTheAccountWhereItStandsAgainstItsRateLimit() {
        String token = TestAccounts.newBearer(http);
        Http.Reply first = http.get("/todo", "Authorization", token);
        Http.Reply second = http.get("/todo", "Authorization", token);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).contains(Integer.toString(RATE_LIMIT));
        assertThat(first.header("RateLimit-Policy")).contains(RATE_LIMIT + ";w=86400");
        assertThat(remaining(first)).isEqualTo(RATE_LIMIT - 1);
        assertThat(remaining(second)).isEqualTo(RATE_LIMIT - 2);
        assertThat(Long.parseLong(first.header("RateLimit-Reset").orElseThrow())).isBetween(1L, 86_400L);
    }

    @Test
    void bothNodesCountOneAccountsRequestsTogether() {
        String token = TestAccounts.newBearer(http);
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/todo", "Authorization", token).status()).isEqualTo(200);
        }
        // Node 2 learns node 1's count at its next sync (every 100 ms); alone it would say 29, then 28, ….
        int attempts = 0;
        int remainingOnNode2 = RATE_LIMIT;
        while (attempts < 5 && remainingOnNode2 > 10) {
            Poll.pause(Duration.ofMillis(300));
            remainingOnNode2 = remaining(other.get("/todo", "Authorization", token));
            attempts++;
        }
        assertThat(remainingOnNode2).as("node 2's count includes node 1's 20 requests").isLessThanOrEqualTo(10);
    }

    @Test
    void anAccountPastItsRateLimitGetsA429OnEveryNodeWhileOthersAreServed() {
        String greedy = TestAccounts.newBearer(http);
        String patient = TestAccounts.newBearer(http);
        int served = 0;
        Http.Reply refused = null;
        for (int i = 0; i < 3 * RATE_LIMIT && refused == null; i++) {
            Http.Reply reply = (i % 2 == 0 ? http : other).get("/todo", "Authorization", greedy);
            if (reply.status() == 429) {
                refused = reply;
            } else {
                assertThat(reply.status()).isEqualTo(200);
                served++;
            }
            Poll.pause(Duration.ofMillis(10));
        }
        assertThat(refused).as("refused within three times the limit").isNotNull();
        // Without shared counting each node would serve the whole limit (2 × 30); the nodes' sync every 100 ms
        // lets a few more through than the limit, never that many.
        assertThat(served).isBetween(RATE_LIMIT, 2 * RATE_LIMIT - 10);
        assertThat(refused.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(refused.json().get("type").asText()).isEqualTo(Problem.LIMIT_REACHED);
        assertThat(refused.json().get("limit").asText()).isEqualTo("requests");
        assertThat(refused.header("RateLimit-Remaining")).contains("0");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isPositive();
        assertThat(Poll.until(Duration.ofSeconds(10), () -> http.get("/todo", "Authorization", greedy).status() == 429
                && other.get("/todo", "Authorization", greedy).status() == 429)).isTrue();
        assertThat(http.get("/todo", "Authorization", patient).status()).isEqualTo(200);
        assertThat(other.get("/todo", "Authorization", patient).status()).isEqualTo(200);
    }

    @Test
    void anAccountWithItsQuotaOfTodosIsToldWhichLimitAndNothingIsStored() {
        String token = TestAccounts.newBearer(http);
        String id = accountId(token);
        String firstId = null;
        for (int i = 0; i < 3; i++) {
            Http.Reply created = http.postJson("/todo", "{\"content\": \"todo " + i + "\"}", "Authorization", token);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            firstId = firstId == null ? created.json().get("id").asText() : firstId;
        }
        Http.Reply refused = other.postJson("/todo", "{\"content\": \"one too many\"}", "Authorization", token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(refused.json().get("limit").asText()).isEqualTo("todos");
        assertThat(refused.json().get("detail").asText()).contains("3 todos");
        Http.Reply backend = http.postJson("/todos", "{\"title\": \"through the other API\"}", "Authorization", token);
        assertThat(backend.status()).isEqualTo(403);
        assertThat(todosOf(id)).isEqualTo(3);

        assertThat(http.postJson("/todo", "{\"content\": \"mine\"}", "Authorization", TestAccounts.newBearer(http)).status())
                .as("another account is not affected").isEqualTo(201);
        assertThat(http.delete("/todo/" + firstId, "Authorization", token).status()).isEqualTo(204);
        assertThat(other.postJson("/todo", "{\"content\": \"room again\"}", "Authorization", token).status())
                .isEqualTo(201);
    }

    @Test
    void anAccountWithItsQuotaOfJobFilesCannotUploadAnother() {
        String token = TestAccounts.newBearer(http);
        for (int i = 0; i < 2; i++) {
            assertThat(importRows(token, 3).status()).isEqualTo(202);
        }
        Http.Reply refused = importRows(token, 3);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("limit").asText()).isEqualTo("job_files");
        assertThat(filesOf(accountId(token))).as("the refused upload was not stored").isEqualTo(2);
        Http.Reply export = other.postJson("/todo/export", "", "Authorization", token);
        assertThat(export.status()).as("an export would write a third file").isEqualTo(403);
    }

    @Test
    void anAccountWithItsQuotaOfUnfinishedJobsIsAskedToWaitUntilOneEnds() {
        String token = TestAccounts.newBearer(http);
        Http.Reply first = http.postJson("/todo/export", "", "Authorization", token);
        assertThat(first.status()).isEqualTo(202);
        assertThat(other.postJson("/todo/export?format=csv", "", "Authorization", token).status()).isEqualTo(202);
        Http.Reply refused = http.postJson("/todo/export", "", "Authorization", token);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("limit").asText()).isEqualTo("queued_jobs");
        assertThat(refused.header("Retry-After")).isPresent();

        String firstJob = first.header("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(http.delete(firstJob, "Authorization", token).status()).as("cancelled").isIn(200, 202, 204);
        assertThat(other.postJson("/todo/export", "", "Authorization", token).status())
                .as("a cancelled job no longer counts").isEqualTo(202);
        assertThat(http.delete("/accounts/me", "Authorization", token).status())
                .as("deleting the account never waits behind its own jobs").isEqualTo(202);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static int remaining(Http.Reply reply) {
        return Integer.parseInt(reply.header("RateLimit-Remaining").orElseThrow());
    }

    private static Http.Reply importRows(String token, int rows) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            body.append("{\"content\": \"row ").append(i).append("\"}\n");
        }
        return http.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(body.toString()),
                "Content-Type", "application/x-ndjson", "Authorization", token);
    }

    private static String accountId(String token) {
        return http.get("/accounts/me", "Authorization", token).json().get("id").asText();
    }

    private static long todosOf(String accountId) {
        return client.getDatabase("todo").getCollection("todos").countDocuments(new Document("owner", accountId));
    }

    private static long filesOf(String accountId) {
        return client.getDatabase("todo").getCollection("job_files.files")
                .countDocuments(new Document("metadata.owner", accountId));
    }
}
