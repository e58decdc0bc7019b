package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import todoservice.redis.RedisEndpoint;

/**
 * Two people on one service, over real HTTP against two nodes sharing the store and Redis, with the development
 * switch off: each sees only their own todos and jobs, tokens carry scopes, and a revoked token stops working on
 * every node.
 */
class AccountsIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final String PAGE = "https://todo.example.org";

    private static TwoNodes nodes;
    private static Http http;
    private static Http other;
    private static MongoClient client;

    /** Long enough for the refusals of one test to be all held at once on a slow machine. */
    private static final Duration REFUSAL_DELAY = Duration.ofSeconds(3);

    @BeforeAll
    static void start() {
        nodes = new TwoNodes(Map.of("AUTH_ANONYMOUS", "false", "CORS_ALLOWED_ORIGINS", PAGE,
                "AUTH_LOGIN_REFUSAL_DELAY", REFUSAL_DELAY.toMillis() + "ms"));
        http = nodes.http;
        other = nodes.other;
        client = nodes.store;
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    @Test
    void withoutATokenTheApiAnswers401WithABearerChallenge() {
        long before = storedTodos();
        for (Http.Reply reply : List.of(http.get("/todo"), http.postJson("/todo", "{\"content\": \"x\"}"),
                http.get("/todos"), http.get("/jobs"), http.get("/tokens"),
                http.get("/todo", "Authorization", "Bearer todo_not-a-real-token"),
                http.get("/todo", "Authorization", "Basic YWRhOnNlY3JldA=="))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }
        assertThat(storedTodos()).as("nothing stored by refused requests").isEqualTo(before);
    }

    @Test
    void registeringRefusesBadLoginsShortPasswordsAndTakenLogins() {
        String login = uniqueLogin();
        assertThat(register(login, "a long enough password").status()).isEqualTo(201);
        assertThat(register(login.toUpperCase(), "another long password").status()).as("same login").isEqualTo(409);
        assertThat(register("not-an-email", "a long enough password").status()).isEqualTo(400);
        assertThat(register(uniqueLogin(), "short").status()).isEqualTo(400);
        assertThat(http.postJson("/accounts", "{\"login\": \"" + uniqueLogin()
                + "\", \"password\": \"long enough password\", \"id\": \"chosen\"}").status())
                .as("an id in the body").isEqualTo(400);
    }

    @Test
    void aWrongPasswordAndAnUnknownLoginGetTheSameAnswer() {
        String login = uniqueLogin();
        register(login, "the right password");

        Http.Reply wrong = logIn(login, "a wrong password");
        Http.Reply unknown = logIn(uniqueLogin(), "a wrong password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDownWith429AndRetryAfterEvenForTheRightOne() {
        String login = uniqueLogin();
        register(login, "the right password");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(logIn(login, "guess number " + attempt).status()).isEqualTo(401);
        }

        Http.Reply limited = logIn(login, "the right password");

        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 15 * 60L));
        assertThat(other.postJson("/tokens", "{\"login\": \"" + login + "\", \"password\": \"the right password\"}")
                .status()).as("the other node counts the same failures").isEqualTo(429);
    }

    @Test
    void aRefusedLoginIsAnsweredAfterTheRefusalDelayWithoutHoldingUpOtherRequests() throws Exception {
        String login = uniqueLogin();
        register(login, "the right password");
        for (int attempt = 0; attempt < 5; attempt++) {
            logIn(login, "guess number " + attempt);
        }
        String reader = bearer(newAccount());

        // More refused logins at once than Tomcat has request threads (200): they can all be held together only
        // if none holds a thread, and a read then still has one.
        int held = 220;
        long started = System.nanoTime();
        var refusals = java.util.concurrent.CompletableFuture.supplyAsync(() -> Http.atOnce(held,
                i -> http.postJson("/session", "{\"login\": \"" + login + "\", \"password\": \"guess\"}")));
        assertThat(Poll.until(() -> CacheCluster.metric(http, "todo_auth_login_refusals_held") >= held))
                .as("%d refusals held at once", held).isTrue();
        Http.Reply read = http.get("/todo", "Authorization", reader);
        long readAfter = System.nanoTime() - started;
        List<Http.Reply> answers = refusals.get(60, java.util.concurrent.TimeUnit.SECONDS);
        long allAfter = System.nanoTime() - started;

        assertThat(read.status()).isEqualTo(200);
        assertThat(answers).extracting(Http.Reply::status).containsOnly(429);
        assertThat(Duration.ofNanos(allAfter)).as("the refusals come after the delay")
                .isGreaterThanOrEqualTo(REFUSAL_DELAY);
        assertThat(readAfter).as("the read was answered while the refusals were held").isLessThan(allAfter);
    }

    @Test
    void nobodySeesChangesOrDeletesAnotherAccountsTodos() {
        String alice = bearer(newAccount());
        String bob = bearer(newAccount());
        Http.Reply created = http.postJson("/todo", "{\"content\": \"alice's secret\"}", "Authorization", alice,
                "Idempotency-Key", "shared-key-1");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();

        for (Http node : List.of(http, other)) {
            assertThat(node.get("/todo/" + id, "Authorization", bob).status()).isEqualTo(404);
            assertThat(node.put("/todo/" + id + "/finish", "Authorization", bob).status()).isEqualTo(404);
            assertThat(node.patchJson("/todo/" + id, "{\"content\": \"bob was here\"}", "Authorization", bob)
                    .status()).isEqualTo(404);
            assertThat(node.get("/todos/" + id, "Authorization", bob).status()).isEqualTo(404);
            assertThat(node.delete("/todos/" + id, "Authorization", bob).status()).isEqualTo(404);
            assertThat(node.delete("/todo/" + id, "Authorization", bob).status()).isEqualTo(404);
            assertThat(node.get("/todo", "Authorization", bob).body()).doesNotContain(id, "alice");
            assertThat(node.get("/todos", "Authorization", bob).body()).doesNotContain(id, "alice");
        }
        // The same idempotency key is Bob's own: he gets a new todo, not a replay of Alice's.
        Http.Reply bobs = http.postJson("/todo", "{\"content\": \"bob's\"}", "Authorization", bob,
                "Idempotency-Key", "shared-key-1");
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().get("id").asText()).isNotEqualTo(id);

        // Bob finishing all of his todos finishes his own alone.
        assertThat(Jobs.awaitEnd(http, Jobs.location(http.patchJson("/todo", "{\"is_finished\": true}",
                "Authorization", bob)), Duration.ofSeconds(60), "Authorization", bob).get("state").asText())
                .isEqualTo("succeeded");
        assertThat(http.get("/todo/counts", "Authorization", bob).json().get("active").asLong()).isZero();

        Http.Reply aliceReads = other.get("/todo/" + id, "Authorization", alice);
        assertThat(aliceReads.status()).isEqualTo(200);
        assertThat(aliceReads.json().get("content").asText()).isEqualTo("alice's secret");
        assertThat(aliceReads.json().get("is_finished").asBoolean()).isFalse();
    }

    @Test
    void aCursorFromAnotherAccountsPageShowsOnlyOnesOwnTodos() {
        String alice = bearer(newAccount());
        String bob = bearer(newAccount());
        for (int i = 0; i < 3; i++) {
            http.postJson("/todo", "{\"content\": \"alice " + i + "\"}", "Authorization", alice);
        }
        http.postJson("/todo", "{\"content\": \"bob 0\"}", "Authorization", bob);
        String next = http.get("/todo?limit=1", "Authorization", alice).json().get("next").asText();

        JsonNode bobsPage = http.get("/todo?limit=10&after=" + next, "Authorization", bob).json();

        assertThat(bobsPage.get("data").findValuesAsText("content")).allMatch(content -> content.startsWith("bob"));
    }

    @Test
    void anotherAccountsJobIsNotFound() {
        String alice = bearer(newAccount());
        String bob = bearer(newAccount());
        http.postJson("/todo", "{\"content\": \"alice's\"}", "Authorization", alice);
        Http.Reply export = http.send("POST", "/todo/export?format=json",
                java.net.http.HttpRequest.BodyPublishers.noBody(), "Authorization", alice);
        assertThat(export.status()).as(export.body()).isEqualTo(202);
        String job = export.json().get("id").asText();

        assertThat(http.get("/jobs/" + job, "Authorization", bob).status()).isEqualTo(404);
        assertThat(http.get("/jobs/" + job + "/result", "Authorization", bob).status()).isEqualTo(404);
        assertThat(http.delete("/jobs/" + job, "Authorization", bob).status()).isEqualTo(404);
        assertThat(http.get("/jobs", "Authorization", bob).body()).doesNotContain(job);
        assertThat(http.get("/jobs/" + job, "Authorization", alice).status()).isEqualTo(200);
    }

    @Test
    void aBodyThatNamesAnOwnerOrAnAccountIsRefusedAndMovesNothing() {
        String alice = bearer(newAccount());
        String aliceId = http.get("/accounts/me", "Authorization", alice).json().get("id").asText();
        String bob = bearer(newAccount());
        String bobs = http.postJson("/todo", "{\"content\": \"bob's\"}", "Authorization", bob)
                .json().get("id").asText();
        long before = storedTodos();

        for (String field : List.of("owner", "owner_id", "account", "account_id")) {
            String claim = ", \"" + field + "\": \"" + aliceId + "\"}";
            String form = Http.form(Map.of("content", "moved", field, aliceId));
            for (Http.Reply reply : List.of(
                    http.postJson("/todo", "{\"content\": \"moved\"" + claim, "Authorization", bob),
                    http.patchJson("/todo/" + bobs, "{\"content\": \"moved\"" + claim, "Authorization", bob),
                    http.send("POST", "/todo", java.net.http.HttpRequest.BodyPublishers.ofString(form),
                            "Content-Type", "application/x-www-form-urlencoded", "Authorization", bob),
                    http.send("PATCH", "/todo/" + bobs, java.net.http.HttpRequest.BodyPublishers.ofString(form),
                            "Content-Type", "application/x-www-form-urlencoded", "Authorization", bob),
                    http.postJson("/todos", "{\"title\": \"moved\"" + claim, "Authorization", bob),
                    http.patchJson("/todos/" + bobs, "{\"title\": \"moved\"" + claim, "Authorization", bob))) {
                assertThat(reply.status()).as("%s: %s", field, reply.body()).isEqualTo(400);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.json().get("detail").asText()).contains("\"" + field + "\"");
            }
        }
        assertThat(storedTodos()).as("nothing created").isEqualTo(before);
        assertThat(http.get("/todo/" + bobs, "Authorization", bob).json().get("content").asText()).isEqualTo("bob's");
        assertThat(http.get("/todo", "Authorization", alice).json().get("data")).as("alice's list").isEmpty();
    }

    @Test
    void aReadOnlyTokenReadsButCannotWrite() {
        String login = uniqueLogin();
        register(login, "a long enough password");
        Http.Reply issued = http.postJson("/tokens", "{\"login\": \"" + login + "\", \"password\": "
                + "\"a long enough password\", \"name\": \"dashboard\", \"scopes\": [\"read\"]}");
        assertThat(issued.status()).isEqualTo(201);
        String reader = "Bearer " + issued.json().get("token").asText();

        assertThat(http.get("/todo", "Authorization", reader).status()).isEqualTo(200);
        Http.Reply write = http.postJson("/todo", "{\"content\": \"x\"}", "Authorization", reader);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.header("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("insufficient_scope"));
        assertThat(http.delete("/accounts/me", "Authorization", reader).status()).isEqualTo(403);
        assertThat(http.patchJson("/todo", "{\"is_finished\": true}", "Authorization", reader).status())
                .isEqualTo(403);
    }

    @Test
    void aRevokedTokenIsRefusedByEveryNodeWhileTheOthersKeepWorking() {
        String login = uniqueLogin();
        register(login, "a long enough password");
        String kept = bearer(logIn(login, "a long enough password"));
        Http.Reply revokedToken = logIn(login, "a long enough password");
        String revoked = bearer(revokedToken);
        assertThat(other.get("/todo", "Authorization", revoked).status()).as("warm on node 2").isEqualTo(200);

        assertThat(http.delete("/tokens/" + revokedToken.json().get("id").asText(), "Authorization", kept)
                .status()).isEqualTo(204);

        assertThat(http.get("/todo", "Authorization", revoked).status()).as("node 1, at once").isEqualTo(401);
        long started = System.nanoTime();
        assertThat(Poll.until(GENEROUS, () -> other.get("/todo", "Authorization", revoked).status() == 401))
                .as("node 2 refuses the revoked token").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("accounts figure: revoked token refused by the other node after %d ms%n", took.toMillis());
        assertThat(took).as("a node keeps a token for a second").isLessThan(Duration.ofSeconds(3));
        assertThat(other.get("/todo", "Authorization", kept).status()).isEqualTo(200);
        JsonNode listed = http.get("/tokens", "Authorization", kept).json().get("data");
        assertThat(listed.findValuesAsText("id")).doesNotContain(revokedToken.json().get("id").asText());
        assertThat(listed.toString()).as("no secret in the list").doesNotContain("todo_");
    }

    @Test
    void changingThePasswordEndsEveryTokenAndTheNewPasswordLogsIn() {
        String login = uniqueLogin();
        register(login, "the first password");
        String token = bearer(logIn(login, "the first password"));
        assertThat(other.get("/todo", "Authorization", token).status()).isEqualTo(200);

        assertThat(http.send("PUT", "/accounts/me/password", java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"password\": \"the first password\", \"new_password\": \"the second password\"}"),
                "Content-Type", "application/json", "Authorization", token).status()).isEqualTo(204);

        assertThat(Poll.until(GENEROUS, () -> other.get("/todo", "Authorization", token).status() == 401)).isTrue();
        assertThat(logIn(login, "the first password").status()).isEqualTo(401);
        assertThat(logIn(login, "the second password").status()).isEqualTo(201);
    }

    @Test
    void deletingAnAccountErasesItsTodosJobsFilesAndTokensAsAJob() {
        String login = uniqueLogin();
        String accountId = register(login, "a long enough password").json().get("id").asText();
        String token = bearer(logIn(login, "a long enough password"));
        for (int i = 0; i < 3; i++) {
            http.postJson("/todo", "{\"content\": \"to be erased " + i + "\"}", "Authorization", token);
        }
        String survivor = bearer(newAccount());
        http.postJson("/todo", "{\"content\": \"survives\"}", "Authorization", survivor);

        Http.Reply export = http.send("POST", "/todo/export?format=csv",
                java.net.http.HttpRequest.BodyPublishers.noBody(), "Authorization", token);
        assertThat(export.status()).isEqualTo(202);
        assertThat(Poll.until(GENEROUS, () -> filesOf(accountId) == 1)).as("the export's file").isTrue();
        assertThat(todosOf(accountId)).isEqualTo(3);

        Http.Reply accepted = http.delete("/accounts/me", "Authorization", token);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        assertThat(http.get("/todo", "Authorization", token).status()).as("the token, at once").isEqualTo(401);
        assertThat(Poll.until(GENEROUS, () -> client.getDatabase("todo").getCollection("accounts")
                .countDocuments(new Document("_id", new org.bson.types.ObjectId(accountId))) == 0)).isTrue();
        assertThat(todosOf(accountId)).isZero();
        assertThat(filesOf(accountId)).isZero();
        String exportJob = export.header("Location").orElseThrow().replaceFirst(".*/jobs/", "");
        try (UnifiedJedis queue = RedisEndpoint.connect(URI.create(nodes.redis.uri()), Duration.ofSeconds(2), 1)) {
            assertThat(queue.exists("jobs:{jobs.v1}:job:" + exportJob)).as("the export job's record").isFalse();
            assertThat(queue.exists("jobs:{jobs.v1}:owner:" + accountId)).as("the account's job index").isFalse();
        }
        assertThat(logIn(login, "a long enough password").status()).isEqualTo(401);
        assertThat(http.get("/todo", "Authorization", survivor).body()).contains("survives");
    }

    @Test
    void onlyTheConfiguredOriginsPagesMayCallTheApiFromABrowser() {
        String token = bearer(newAccount());

        Http.Reply allowed = http.get("/todo", "Authorization", token, "Origin", PAGE);
        assertThat(allowed.header("Access-Control-Allow-Origin")).contains(PAGE);
        assertThat(allowed.header("Vary")).hasValueSatisfying(vary -> assertThat(vary).contains("Origin"));

        Http.Reply foreign = http.get("/todo", "Authorization", token, "Origin", "https://evil.example");
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(foreign.header("Access-Control-Allow-Origin")).as("no CORS for another origin").isEmpty();

        Http.Reply preflight = http.send("OPTIONS", "/todo", java.net.http.HttpRequest.BodyPublishers.noBody(),
                "Origin", PAGE, "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).contains("Authorization"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String uniqueLogin() {
        return "user-" + UUID.randomUUID() + "@example.org";
    }

    private static Http.Reply register(String login, String password) {
        return http.postJson("/accounts", "{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}");
    }

    private static Http.Reply logIn(String login, String password) {
        return http.postJson("/tokens", "{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}");
    }

    private static Http.Reply newAccount() {
        String login = uniqueLogin();
        assertThat(register(login, "a long enough password").status()).isEqualTo(201);
        Http.Reply issued = logIn(login, "a long enough password");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued;
    }

    private static String bearer(Http.Reply issued) {
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return "Bearer " + issued.json().get("token").asText();
    }

    private static long storedTodos() {
        return client.getDatabase("todo").getCollection("todos").countDocuments();
    }

    private static long filesOf(String accountId) {
        return client.getDatabase("todo").getCollection("job_files.files")
                .countDocuments(new Document("metadata.owner", accountId));
    }

    private static long todosOf(String accountId) {
        return client.getDatabase("todo").getCollection("todos").countDocuments(new Document("owner", accountId));
    }
}
