package todoservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.Poll;
import todoservice.it.RawHttp;

/**
 * Issue 19 through the stack: two accounts, Alice and Bob, registered through nginx. Whatever route Bob calls
 * with Alice's ids, keys or cursors, through nginx or on either node directly, he gets exactly what he gets for
 * something that does not exist, and nothing of Alice's changes.
 */
@ExtendWith(StackExtension.class)
class AccountsStackIT {

    private static final Duration JOB_LIMIT = Duration.ofMinutes(2);
    private static final int[] PORTS = {Stack.PUBLIC_PORT, 8000, 8001};
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    /** A request with {@code {id}} in its path for the id it is about. */
    record Call(String method, String path, String body, String... headers) {

        RawHttp.Reply sendFor(RawHttp client, String id) {
            byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            return client.send(method, path.replace("{id}", id), bytes, headers);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void anotherAccountsTodoIsAnsweredLikeAMissingOneOnEveryRouteAndStaysAsItWas() {
        StackAccount alice = StackAccount.register();
        StackAccount bob = StackAccount.register();
        RawHttp.Reply created = send(alice, "127.0.20.1", "POST", "/todo", "{\"content\": \"alice's secret\"}",
                "Content-Type", JSON);
        String id = created.json().get("id").asText();
        String etag = created.header("ETag");
        List<Call> calls = List.of(
                new Call("GET", "/todo/{id}", null),
                new Call("GET", "/todo/{id}", null, "If-None-Match", etag),
                new Call("PATCH", "/todo/{id}", "{\"content\": \"bob was here\"}", "Content-Type", JSON),
                new Call("PATCH", "/todo/{id}", "{\"is_finished\": true}", "Content-Type", JSON, "If-Match", etag),
                new Call("PATCH", "/todo/{id}", "content=bob+was+here", "Content-Type", FORM),
                new Call("PUT", "/todo/{id}/finish", null),
                new Call("DELETE", "/todo/{id}", null),
                new Call("GET", "/todos/{id}", null),
                new Call("PATCH", "/todos/{id}", "{\"title\": \"bob was here\", \"completed\": true}",
                        "Content-Type", JSON),
                new Call("DELETE", "/todos/{id}", null));

        assertAnsweredLikeMissing(bob, "127.0.20.2", calls, id);

        try (RawHttp bobs = bob.client("127.0.20.2")) {
            assertThat(bobs.send("DELETE", "/todos", null).status()).as("Bob deletes all his todos").isEqualTo(204);
            RawHttp.Reply bulk = bobs.send("DELETE", "/todo?finished=false", null);
            assertThat(awaitJob(bob, bulk).get("state").asText()).isEqualTo("succeeded");
            assertThat(bobs.get("/todo").text()).doesNotContain(id, "alice");
            assertThat(bobs.get("/todos").text()).doesNotContain(id, "alice");
        }
        for (int port : PORTS) {
            try (RawHttp alices = alice.client("127.0.20.1", port)) {
                RawHttp.Reply read = alices.get("/todo/" + id);
                assertThat(read.status()).as("Alice on %d", port).isEqualTo(200);
                assertThat(read.header("ETag")).as("unchanged version").isEqualTo(etag);
                assertThat(read.json().get("content").asText()).isEqualTo("alice's secret");
                assertThat(read.json().get("is_finished").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void anotherAccountsJobAndItsFileAreAnsweredLikeAMissingJobAndStayAsTheyWere() {
        StackAccount alice = StackAccount.register();
        StackAccount bob = StackAccount.register();
        send(alice, "127.0.21.1", "POST", "/todo", "{\"content\": \"alice's exported secret\"}",
                "Content-Type", JSON);
        JsonNode job = awaitJob(alice, send(alice, "127.0.21.1", "POST", "/todo/export?format=csv", null));
        String id = job.get("id").asText();
        List<Call> calls = List.of(
                new Call("GET", "/jobs/{id}", null),
                new Call("GET", "/jobs/{id}/result", null),
                new Call("DELETE", "/jobs/{id}", null));

        assertAnsweredLikeMissing(bob, "127.0.21.2", calls, id);

        assertThat(send(bob, "127.0.21.2", "GET", "/jobs", null).text()).doesNotContain(id);
        JsonNode after = send(alice, "127.0.21.1", "GET", "/jobs/" + id, null).json();
        assertThat(after.get("state").asText()).isEqualTo("succeeded");
        assertThat(after.get("cancel_requested").asBoolean()).isFalse();
        assertThat(send(alice, "127.0.21.1", "GET", "/jobs/" + id + "/result", null).text())
                .contains("alice's exported secret");
    }

    @Test
    void aCursorFromAnotherAccountsPagePagesOnlyThroughOnesOwnTodos() {
        StackAccount alice = StackAccount.register();
        StackAccount bob = StackAccount.register();
        for (int i = 0; i < 3; i++) {
            send(alice, "127.0.22.1", "POST", "/todo", "{\"content\": \"alice " + i + "\"}", "Content-Type", JSON);
            send(bob, "127.0.22.2", "POST", "/todo", "{\"content\": \"bob " + i + "\"}", "Content-Type", JSON);
        }
        String next = send(alice, "127.0.22.1", "GET", "/todo?limit=1", null).json().get("next").asText();

        for (int port : PORTS) {
            try (RawHttp bobs = bob.client("127.0.22.2", port)) {
                RawHttp.Reply page = bobs.get("/todo?limit=10&after=" + next);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.json().get("data").findValuesAsText("content"))
                        .as("Bob's page after Alice's cursor, on %d", port)
                        .allMatch(content -> content.startsWith("bob "));
            }
        }
    }

    @Test
    void anIdempotencyKeyAnotherAccountUsedIsNotReplayedToOneself() {
        StackAccount alice = StackAccount.register();
        StackAccount bob = StackAccount.register();
        String key = "shared-" + UUID.randomUUID();
        String todo = "{\"content\": \"same body\"}";
        String alicesTodo = send(alice, "127.0.23.1", "POST", "/todo", todo, "Content-Type", JSON,
                "Idempotency-Key", key + "-todo").json().get("id").asText();
        String alicesExport = send(alice, "127.0.23.1", "POST", "/todo/export?format=json", null,
                "Idempotency-Key", key + "-export").json().get("id").asText();
        String alicesImport = send(alice, "127.0.23.1", "POST", "/todo/import", "{\"content\": \"imported\"}",
                "Content-Type", "application/x-ndjson", "Idempotency-Key", key + "-import").json().get("id").asText();

        RawHttp.Reply bobsTodo = send(bob, "127.0.23.2", "POST", "/todo", todo, "Content-Type", JSON,
                "Idempotency-Key", key + "-todo");
        RawHttp.Reply bobsExport = send(bob, "127.0.23.2", "POST", "/todo/export?format=json", null,
                "Idempotency-Key", key + "-export");
        RawHttp.Reply bobsImport = send(bob, "127.0.23.2", "POST", "/todo/import", "{\"content\": \"imported\"}",
                "Content-Type", "application/x-ndjson", "Idempotency-Key", key + "-import");

        assertThat(bobsTodo.status()).isEqualTo(201);
        assertThat(bobsTodo.json().get("id").asText()).isNotEqualTo(alicesTodo);
        assertThat(bobsExport.json().get("id").asText()).isNotEqualTo(alicesExport);
        assertThat(bobsImport.json().get("id").asText()).isNotEqualTo(alicesImport);
        for (RawHttp.Reply bobs : List.of(bobsTodo, bobsExport, bobsImport)) {
            assertThat(bobs.header("Idempotent-Replayed")).as("replayed to Bob").isNull();
        }
        String exported = awaitResult(bob, bobsExport);
        assertThat(exported).contains(bobsTodo.json().get("id").asText()).doesNotContain(alicesTodo);
        assertThat(send(alice, "127.0.23.1", "GET", "/todo", null).json().get("data").findValuesAsText("id"))
                .as("Alice's todos").contains(alicesTodo).doesNotContain(bobsTodo.json().get("id").asText());
    }

    @Test
    void aBodyThatNamesAnOwnerOrAnAccountIsRefusedAndMovesNothing() {
        StackAccount alice = StackAccount.register();
        StackAccount bob = StackAccount.register();
        String bobs = send(bob, "127.0.24.2", "POST", "/todo", "{\"content\": \"bob's\"}", "Content-Type", JSON)
                .json().get("id").asText();

        for (String field : List.of("owner", "owner_id", "account", "account_id")) {
            String claim = ", \"" + field + "\": \"" + alice.id() + "\"}";
            String form = "content=moved&" + field + "=" + alice.id();
            List<Call> calls = List.of(
                    new Call("POST", "/todo", "{\"content\": \"moved\"" + claim, "Content-Type", JSON),
                    new Call("PATCH", "/todo/{id}", "{\"content\": \"moved\"" + claim, "Content-Type", JSON),
                    new Call("POST", "/todo", form, "Content-Type", FORM),
                    new Call("PATCH", "/todo/{id}", form, "Content-Type", FORM),
                    new Call("POST", "/todos", "{\"title\": \"moved\"" + claim, "Content-Type", JSON),
                    new Call("PATCH", "/todos/{id}", "{\"title\": \"moved\"" + claim, "Content-Type", JSON));
            try (RawHttp client = bob.client("127.0.24.2")) {
                for (Call call : calls) {
                    RawHttp.Reply reply = call.sendFor(client, bobs);
                    assertThat(reply.status()).as("%s with %s: %s", call, field, reply.text()).isEqualTo(400);
                    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
                    assertThat(reply.json().get("detail").asText()).contains("\"" + field + "\"");
                }
            }
        }
        // An import's unknown CSV column is ignored: the rows are the importer's, whatever the column says.
        RawHttp.Reply imported = send(bob, "127.0.24.2", "POST", "/todo/import",
                "content,owner\nimported with an owner column," + alice.id() + "\n", "Content-Type", "text/csv");
        assertThat(awaitJob(bob, imported).get("state").asText()).isEqualTo("succeeded");

        assertThat(send(alice, "127.0.24.1", "GET", "/todo", null).json().get("data")).as("Alice's todos").isEmpty();
        JsonNode bobsTodos = send(bob, "127.0.24.2", "GET", "/todo", null).json().get("data");
        assertThat(bobsTodos.findValuesAsText("content")).containsExactly("imported with an owner column", "bob's");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * Each call about {@code id}, by {@code caller} through nginx and on each node, answers exactly as the same
     * call about an id that exists nowhere: the same 404, headers and problem, but for the id itself.
     */
    static void assertAnsweredLikeMissing(StackAccount caller, String address, List<Call> calls, String id) {
        String missing = new ObjectId().toHexString();
        for (int port : PORTS) {
            try (RawHttp client = caller.client(address, port)) {
                for (Call call : calls) {
                    RawHttp.Reply theirs = call.sendFor(client, id);
                    RawHttp.Reply none = call.sendFor(client, missing);
                    String what = call + " on " + port;
                    assertThat(none.status()).as("%s, missing id", what).isEqualTo(404);
                    assertThat(theirs.status()).as("%s: %s", what, theirs.text()).isEqualTo(404);
                    assertThat(theirs.header("Content-Type")).as(what).isEqualTo(none.header("Content-Type"));
                    assertThat(theirs.headers().keySet()).as(what).isEqualTo(none.headers().keySet());
                    assertThat(theirs.text().replace(id, "{id}")).as(what)
                            .isEqualTo(none.text().replace(missing, "{id}"));
                }
            }
        }
    }

    static RawHttp.Reply send(StackAccount account, String address, String method, String path, String body,
            String... headers) {
        try (RawHttp client = account.client(address)) {
            return new Call(method, path, body, headers).sendFor(client, "");
        }
    }

    /** The job that {@code accepted} (a 202) queued, once it has ended. */
    static JsonNode awaitJob(StackAccount account, RawHttp.Reply accepted) {
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String job = URI.create(accepted.header("Location")).getPath();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        assertThat(Poll.until(JOB_LIMIT, () -> {
            last.set(send(account, "127.0.25.1", "GET", job, null).json());
            return List.of("succeeded", "failed", "cancelled").contains(last.get().get("state").asText());
        })).as("job %s ends; last seen %s", job, last.get()).isTrue();
        return last.get();
    }

    /** The file or report of the job that {@code accepted} queued, which must succeed. */
    static String awaitResult(StackAccount account, RawHttp.Reply accepted) {
        JsonNode job = awaitJob(account, accepted);
        assertThat(job.get("state").asText()).as("job %s", job).isEqualTo("succeeded");
        RawHttp.Reply result = send(account, "127.0.25.1", "GET", URI.create(job.get("result").asText()).getPath(),
                null);
        assertThat(result.status()).isEqualTo(200);
        return result.text();
    }
}
