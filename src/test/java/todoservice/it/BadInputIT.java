package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a client can get a request wrong is answered with a precise RFC 9457 problem, and stores nothing. */
class BadInputIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension();

    private static final String PROBLEM = "application/problem+json";
    private static final int MAX_BODY = 65536;
    private static final List<String> MALFORMED_IDS =
            List.of("xyz", "123", "0123456789abcdef012345678", "zzzzzzzzzzzzzzzzzzzzzzzz");
    private static final String UNKNOWN_ID = "0123456789abcdef01234567";

    private final Http http = app.http();

    // ---- ids -------------------------------------------------------------------------------------------------

    @Test
    void malformedIdIs404WithoutTouchingTheDatabase() {
        String created = createJson("a todo that exists");
        double before = todosCommandCount();

        for (String id : MALFORMED_IDS) {
            assertProblem(http.get("/todo/" + id), 404);
            assertProblem(http.put("/todo/" + id + "/finish"), 404);
            assertProblem(http.patchJson("/todo/" + id, "{\"content\": \"changed\"}"), 404);
            assertProblem(http.send("PATCH", "/todo/" + id, HttpRequest.BodyPublishers.ofString("content=changed"),
                    "Content-Type", "application/x-www-form-urlencoded"), 404);
            assertProblem(http.delete("/todo/" + id), 404);
        }
        assertThat(todosCommandCount()).as("MongoDB commands on todos after malformed ids").isEqualTo(before);

        // The same check notices a lookup: a well-formed id does reach the database.
        assertProblem(http.get("/todo/" + UNKNOWN_ID), 404);
        assertThat(todosCommandCount()).isGreaterThan(before);
        assertThat(http.get("/todo/" + created).json().get("content").asText()).isEqualTo("a todo that exists");
    }

    @Test
    void unknownWellFormedIdIs404OnEveryMethod() {
        assertProblem(http.get("/todo/" + UNKNOWN_ID), 404);
        assertProblem(http.put("/todo/" + UNKNOWN_ID + "/finish"), 404);
        assertProblem(http.patchJson("/todo/" + UNKNOWN_ID, "{\"content\": \"changed\"}"), 404);
        assertProblem(http.delete("/todo/" + UNKNOWN_ID), 404);
        assertThat(http.get("/todo?limit=100").json().get("data").findValuesAsText("id")).doesNotContain(UNKNOWN_ID);
    }

    // ---- content ---------------------------------------------------------------------------------------------

    @Test
    void missingContentIs400ForFormAndJson() {
        int before = storedCount();
        assertProblem(http.postForm("/todo", Map.of()), 400);
        assertProblem(http.postForm("/todo", Map.of("title", "wrong field name")), 400);
        assertProblem(http.postJson("/todo", "{}"), 400);
        assertProblem(http.postJson("/todo", "{\"content\": null}"), 400);
        assertProblem(http.postJson("/todo", ""), 400);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void blankContentIs400ForFormAndJson() {
        int before = storedCount();
        assertProblem(http.postForm("/todo", Map.of("content", "   ")), 400);
        assertProblem(http.postJson("/todo", "{\"content\": \"   \"}"), 400);
        assertProblem(http.postJson("/todo", "{\"content\": \"\\t\\n \"}"), 400);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void contentOfExactly1000CharactersIsAcceptedAnd1001IsRefused() {
        String thousand = "学".repeat(1000);
        int before = storedCount();

        assertProblem(http.postForm("/todo", Map.of("content", thousand + "习")), 400);
        assertProblem(http.postJson("/todo", json(thousand + "习")), 400);
        assertThat(storedCount()).isEqualTo(before);

        Http.Reply viaForm = http.postForm("/todo", Map.of("content", thousand));
        assertThat(viaForm.status()).as(viaForm.body()).isEqualTo(201);
        assertThat(viaForm.json().get("content").asText()).isEqualTo(thousand);
        Http.Reply viaJson = http.postJson("/todo", json(thousand));
        assertThat(viaJson.status()).as(viaJson.body()).isEqualTo(201);
        assertThat(http.get("/todo/" + viaJson.json().get("id").asText()).json().get("content").asText())
                .isEqualTo(thousand);
    }

    @Test
    void contentLimitCountsCharactersNotUtf16Units() {
        // 1000 emoji are 2000 UTF-16 units and 4000 bytes, yet 1000 characters.
        String thousandEmoji = "📝".repeat(1000);
        Http.Reply created = http.postJson("/todo", json(thousandEmoji));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertProblem(http.postJson("/todo", json(thousandEmoji + "✅")), 400);
    }

    @Test
    void editingToTooLongOrBlankContentIs400AndKeepsTheTodo() {
        String id = createJson("keep me");
        assertProblem(http.patchJson("/todo/" + id, json("学".repeat(1001))), 400);
        assertProblem(http.patchJson("/todo/" + id, json("   ")), 400);
        assertThat(http.get("/todo/" + id).json().get("content").asText()).isEqualTo("keep me");
    }

    // ---- body size -------------------------------------------------------------------------------------------

    @Test
    void bodyOverTheLimitWithContentLengthIs413() {
        int before = storedCount();
        Http.Reply json = http.postJson("/todo", oversizedJson());
        assertProblem(json, 413);

        Http.Reply form = http.postForm("/todo", Map.of("content", "x".repeat(MAX_BODY)));
        assertProblem(form, 413);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        int before = storedCount();
        byte[] body = oversizedJson().getBytes(StandardCharsets.UTF_8);

        Http.Reply fromPublisher = http.send("POST", "/todo",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body)),
                "Content-Type", "application/json");
        assertProblem(fromPublisher, 413);

        Http.Reply fromStream = http.send("POST", "/todo",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                "Content-Type", "application/json");
        assertProblem(fromStream, 413);

        byte[] form = ("content=" + "x".repeat(MAX_BODY)).getBytes(StandardCharsets.US_ASCII);
        Http.Reply chunkedForm = http.send("POST", "/todo",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)),
                "Content-Type", "application/x-www-form-urlencoded");
        assertProblem(chunkedForm, 413);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void chunkedBodyUnderTheLimitIsAccepted() {
        byte[] body = json("sent in chunks").getBytes(StandardCharsets.UTF_8);
        Http.Reply created = http.send("POST", "/todo",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                "Content-Type", "application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("content").asText()).isEqualTo("sent in chunks");
    }

    // ---- JSON shape ------------------------------------------------------------------------------------------

    @Test
    void malformedJsonIs400() {
        int before = storedCount();
        assertProblem(http.postJson("/todo", "{\"content\": "), 400);
        assertProblem(http.postJson("/todo", "{\"content\": \"a\"} trailing"), 400);
        assertProblem(http.postJson("/todo", "[\"content\"]"), 400);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void nonTextContentIs400() {
        int before = storedCount();
        assertProblem(http.postJson("/todo", "{\"content\": 5}"), 400);
        assertProblem(http.postJson("/todo", "{\"content\": true}"), 400);
        assertProblem(http.postJson("/todo", "{\"content\": [\"a\"]}"), 400);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void unknownJsonFieldIs400() {
        assertProblem(http.postJson("/todo", "{\"content\": \"a\", \"conten\": \"typo\"}"), 400);
        assertProblem(http.postJson("/todo", "{\"title\": \"wrong api\"}"), 400);
    }

    @Test
    void newTodoWithIsFinishedIs400() {
        int before = storedCount();
        assertProblem(http.postJson("/todo", "{\"content\": \"born done\", \"is_finished\": true}"), 400);
        assertProblem(http.postJson("/todo", "{\"content\": \"born undone\", \"is_finished\": false}"), 400);
        assertThat(storedCount()).isEqualTo(before);
    }

    // ---- routing and media types -----------------------------------------------------------------------------

    @Test
    void unsupportedMediaTypeIs415() {
        int before = storedCount();
        Http.Reply reply = http.send("POST", "/todo", HttpRequest.BodyPublishers.ofString("content=plain"),
                "Content-Type", "text/plain");
        assertProblem(reply, 415);
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void postOrPatchWithoutContentTypeIs415() {
        int before = storedCount();
        assertProblem(http.send("POST", "/todo", HttpRequest.BodyPublishers.noBody()), 415);
        assertProblem(http.send("POST", "/todos", HttpRequest.BodyPublishers.ofString("{\"title\": \"x\"}")), 415);
        String id = createJson("keep me");
        assertProblem(http.send("PATCH", "/todo/" + id, HttpRequest.BodyPublishers.ofString("content=x")), 415);
        assertThat(storedCount()).isEqualTo(before + 1);
        assertThat(contentOf(id)).isEqualTo("keep me");
    }

    @Test
    void unknownRouteIs404Problem() {
        assertProblem(http.get("/todoz"), 404);
        assertProblem(http.get("/todo/" + UNKNOWN_ID + "/nothing"), 404);
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        Http.Reply reply = http.put("/todo");
        assertProblem(reply, 405);
        assertThat(reply.header("Allow")).hasValueSatisfying(allow -> assertThat(allow)
                .contains("GET", "POST", "DELETE").doesNotContain("PUT"));
    }

    // ---- injection -------------------------------------------------------------------------------------------

    @Test
    void queryOperatorAsContentIs400AndStoresNothing() {
        List<String> before = storedIds();
        assertProblem(http.postJson("/todo", "{\"content\": {\"$gt\": \"\"}}"), 400);
        assertProblem(http.patchJson("/todo/" + createJson("target"), "{\"content\": {\"$gt\": \"\"}}"), 400);
        List<String> after = storedIds();
        assertThat(after).hasSize(before.size() + 1); // only "target"
        assertThat(contentOf(after.get(after.size() - 1))).isEqualTo("target");
    }

    @Test
    void operatorLikeTextIsStoredLiterally() {
        for (String text : List.of("$gt", "{\"$gt\": \"\"}", "$where: 1 == 1", "a.b.c", "$")) {
            String viaJson = createJson(text);
            assertThat(contentOf(viaJson)).isEqualTo(text);
            Http.Reply viaForm = http.postForm("/todo", Map.of("content", text));
            assertThat(viaForm.status()).isEqualTo(201);
            assertThat(contentOf(viaForm.json().get("id").asText())).isEqualTo(text);
        }
    }

    @Test
    void bracketedFormFieldIs400() {
        int before = storedCount();
        assertProblem(http.postForm("/todo", Map.of("content[$gt]", "x")), 400);
        assertProblem(http.send("POST", "/todo", HttpRequest.BodyPublishers.ofString("content[$ne]=&content[x]=1"),
                "Content-Type", "application/x-www-form-urlencoded"), 400);
        assertThat(storedCount()).isEqualTo(before);
    }

    // ---- Unicode ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"好好学习，天天向上", "📝✅", "e\u0301 A\u030A n\u0303", "👩‍💻 tab\tend", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ß İ"})
    void unicodeContentRoundTripsExactly(String text) {
        String viaForm = http.postForm("/todo", Map.of("content", text)).json().get("id").asText();
        String viaJson = createJson(text);

        for (String id : List.of(viaForm, viaJson)) {
            assertThat(contentOf(id)).isEqualTo(text).hasSameSizeAs(text);
            assertThat(http.get("/todo/" + id).body()).as("emoji as raw UTF-8, not \\u surrogate escapes")
                    .doesNotContainPattern("\\\\u[dD][89a-fA-F]");
            JsonNode listed = findListed(id);
            assertThat(listed.get("content").asText()).isEqualTo(text);
        }
    }

    @Test
    void loneSurrogateOrNulIs400() {
        assertProblem(http.postJson("/todo", "{\"content\": \"half \\ud83d\"}"), 400);
        assertProblem(http.postJson("/todo", "{\"content\": \"nul \\u0000 inside\"}"), 400);
    }

    // ---- paging ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"start=-1", "start=10001", "start=abc", "start=1.5", "limit=0", "limit=101",
            "limit=ten", "finished=yes"})
    void outOfRangeListParameterIs400(String query) {
        Http.Reply reply = http.get("/todo?" + query);
        assertProblem(reply, 400);
        assertThat(reply.json().get("detail").asText()).contains(query.substring(0, query.indexOf('=')));
    }

    @Test
    void listParametersAtTheirLimitsAreAccepted() {
        assertThat(http.get("/todo?start=10000").status()).isEqualTo(200);
        assertThat(http.get("/todo?start=0&limit=100").status()).isEqualTo(200);
        assertThat(http.get("/todo?limit=1").status()).isEqualTo(200);
    }

    @Test
    void startTogetherWithAfterIs400() {
        createJson("page one");
        createJson("page two");
        String cursor = http.get("/todo?limit=1").json().get("next").asText();
        assertThat(http.get("/todo?limit=1&after=" + cursor).status()).isEqualTo(200);

        assertProblem(http.get("/todo?limit=1&start=0&after=" + cursor), 400);
        assertProblem(http.get("/todo?limit=1&start=1&after=" + cursor), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "!!!", "MTpmOjE6eA", "Mjp0OjE3MDAwMDAwMDAwMDA6MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3"})
    void garbageCursorIs400(String cursor) {
        assertProblem(http.get("/todo?after=" + cursor), 400);
    }

    @Test
    void cursorFromAnotherFilterIs400() {
        for (int i = 0; i < 2; i++) {
            http.put("/todo/" + createJson("finished " + i) + "/finish");
        }
        String cursor = http.get("/todo?finished=true&limit=1").json().get("next").asText();
        assertThat(http.get("/todo?finished=true&limit=1&after=" + cursor).status()).isEqualTo(200);

        assertProblem(http.get("/todo?finished=false&limit=1&after=" + cursor), 400);
        assertProblem(http.get("/todo?limit=1&after=" + cursor), 400);
    }

    // ---- bulk delete, edits, conditions ----------------------------------------------------------------------

    @Test
    void deleteAllWithoutFilterIs400AndDeletesNothing() {
        createJson("survives a stray DELETE");
        List<String> before = storedIds();
        assertProblem(http.delete("/todo"), 400);
        assertProblem(http.delete("/todo?finished="), 400);
        assertProblem(http.delete("/todo?finished=all"), 400);
        assertThat(storedIds()).isEqualTo(before);
    }

    @Test
    void emptyPatchIs400AndChangesNothing() {
        String id = createJson("unchanged");
        String etag = http.get("/todo/" + id).header("ETag").orElseThrow();
        assertProblem(http.patchJson("/todo/" + id, "{}"), 400);
        assertProblem(http.send("PATCH", "/todo/" + id, HttpRequest.BodyPublishers.ofString(""),
                "Content-Type", "application/x-www-form-urlencoded"), 400);
        assertThat(http.get("/todo/" + id).header("ETag")).contains(etag);
    }

    @Test
    void patchWithStaleIfMatchIs412AndLeavesTheTodoUnchanged() {
        String id = createJson("first");
        String staleTag = http.get("/todo/" + id).header("ETag").orElseThrow();
        Http.Reply edited = http.patchJson("/todo/" + id, json("second"), "If-Match", staleTag);
        assertThat(edited.status()).isEqualTo(200);
        String currentTag = edited.header("ETag").orElseThrow();
        assertThat(currentTag).isNotEqualTo(staleTag);

        assertProblem(http.patchJson("/todo/" + id, json("third"), "If-Match", staleTag), 412);

        Http.Reply after = http.get("/todo/" + id);
        assertThat(after.json().get("content").asText()).isEqualTo("second");
        assertThat(after.header("ETag")).contains(currentTag);
    }

    @Test
    void getWithCurrentETagInIfNoneMatchIs304() {
        String id = createJson("cached");
        String etag = http.get("/todo/" + id).header("ETag").orElseThrow();

        Http.Reply cached = http.get("/todo/" + id, "If-None-Match", etag);
        assertThat(cached.status()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();

        http.put("/todo/" + id + "/finish");
        Http.Reply changed = http.get("/todo/" + id, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("is_finished").asBoolean()).isTrue();
    }

    @Test
    void idempotencyKeyReusedWithDifferentContentIs422() {
        String key = "key-" + System.nanoTime();
        Http.Reply first = http.postJson("/todo", json("buy milk"), "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        String id = first.json().get("id").asText();

        Http.Reply replay = http.postJson("/todo", json("buy milk"), "Idempotency-Key", key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id").asText()).isEqualTo(id);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");

        int before = storedCount();
        assertProblem(http.postJson("/todo", json("buy bread"), "Idempotency-Key", key), 422);
        assertThat(storedCount()).isEqualTo(before);
        assertThat(contentOf(id)).isEqualTo("buy milk");
    }

    @Test
    void malformedIdempotencyKeyIs400() {
        assertProblem(http.postJson("/todo", json("x"), "Idempotency-Key", "x".repeat(256)), 400);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static void assertProblem(Http.Reply reply, int status) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as("content type").startsWith(PROBLEM);
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).as("detail").isNotBlank();
        assertThat(problem.has("error_id")).as("error_id on a client error").isFalse();
    }

    private static String json(String content) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("content", content);
        return body.toString();
    }

    private static String oversizedJson() {
        String json = json("x".repeat(MAX_BODY));
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(MAX_BODY);
        return json;
    }

    private String createJson(String content) {
        Http.Reply created = http.postJson("/todo", json(content));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String contentOf(String id) {
        Http.Reply reply = http.get("/todo/" + id);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("content").asText();
    }

    /** Every stored todo's id, oldest first (through the Todo-Backend list, which is not paged). */
    private List<String> storedIds() {
        Http.Reply reply = http.get("/todos");
        assertThat(reply.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().forEach(todo -> ids.add(todo.get("id").asText()));
        return ids;
    }

    private int storedCount() {
        return storedIds().size();
    }

    /** Finds a todo by walking the tutorial's paged list with cursors. */
    private JsonNode findListed(String id) {
        String next = null;
        do {
            JsonNode page = http.get("/todo?limit=100" + (next == null ? "" : "&after=" + next)).json();
            for (JsonNode todo : page.get("data")) {
                if (todo.get("id").asText().equals(id)) {
                    return todo;
                }
            }
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null);
        throw new AssertionError("todo " + id + " is not listed");
    }

    /** MongoDB commands the service sent on the todos collection, from its Prometheus metrics. */
    private double todosCommandCount() {
        Http.Reply metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith("mongodb_driver_commands_seconds_count"))
                .filter(line -> line.contains("collection=\"todos\""))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .mapToDouble(Double::parseDouble)
                .sum();
    }
}
