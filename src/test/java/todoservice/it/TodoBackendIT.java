package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Todo-Backend contract (https://www.todobackend.com/specs/) at {@code /todos}: what the reference client and
 * spec runner do, following each todo's absolute {@code url}; CORS for browser clients; and the same todos as the
 * tutorial's {@code /todo} API.
 */
class TodoBackendIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Http http = app.http();

    @BeforeEach
    void startWithAnEmptyList() {
        assertThat(http.delete("/todos").status()).isBetween(200, 299);
    }

    // ---- the spec ------------------------------------------------------------------------------------------

    @Test
    void rootRespondsToGetWithAJsonArray() {
        Http.Reply reply = http.get("/todos");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().isArray()).isTrue();
        assertThat(reply.json()).isEmpty();
    }

    @Test
    void postCreatesATodoAndReturnsItWithTitleUncompletedAndUrl() {
        Http.Reply created = http.postJson("/todos", "{\"title\": \"a todo\"}");

        assertThat(created.status()).isBetween(200, 201);
        JsonNode todo = created.json();
        assertThat(todo.get("title").asText()).isEqualTo("a todo");
        assertThat(todo.get("completed").isBoolean()).isTrue();
        assertThat(todo.get("completed").asBoolean()).isFalse();
        String url = todo.get("url").asText();
        assertThat(URI.create(url).isAbsolute()).isTrue();
        assertThat(url).isEqualTo(app.server().base() + "todos/" + todo.get("id").asText());
        assertThat(created.header("Location")).contains(url);
    }

    @Test
    void createdTodosAreListed() {
        String first = create("{\"title\": \"walk the dog\"}").get("url").asText();
        String second = create("{\"title\": \"feed the cat\"}").get("url").asText();

        JsonNode list = http.get("/todos").json();
        assertThat(list.findValuesAsText("url")).containsExactly(first, second);
        assertThat(list.findValuesAsText("title")).containsExactly("walk the dog", "feed the cat");
    }

    @Test
    void deleteOnTheRootEmptiesTheList() {
        create("{\"title\": \"one\"}");
        create("{\"title\": \"two\"}");
        assertThat(http.get("/todos").json()).hasSize(2);

        assertThat(http.delete("/todos").status()).isBetween(200, 299);
        assertThat(http.get("/todos").json()).isEmpty();
        assertThat(http.get("/todo").json().get("data")).isEmpty();
    }

    @Test
    void eachListedTodoHasAUrlThatReturnsIt() {
        create("{\"title\": \"navigate to me\"}");
        JsonNode listed = http.get("/todos").json().get(0);

        Http.Reply fetched = http.sendTo(URI.create(listed.get("url").asText()), "GET", null);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(listed);
    }

    @Test
    void patchOnTheUrlChangesTheTitleAndPersists() {
        URI url = url(create("{\"title\": \"initial title\"}"));

        Http.Reply patched = http.sendTo(url, "PATCH", "{\"title\": \"bathe the cat\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("title").asText()).isEqualTo("bathe the cat");
        assertThat(patched.json().get("completed").asBoolean()).isFalse();

        assertThat(http.sendTo(url, "GET", null).json().get("title").asText()).isEqualTo("bathe the cat");
    }

    @Test
    void patchOnTheUrlChangesCompletedAndPersists() {
        URI url = url(create("{\"title\": \"complete me\"}"));

        Http.Reply patched = http.sendTo(url, "PATCH", "{\"completed\": true}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("completed").asBoolean()).isTrue();
        assertThat(patched.json().get("title").asText()).isEqualTo("complete me");
        assertThat(http.sendTo(url, "GET", null).json().get("completed").asBoolean()).isTrue();

        assertThat(http.sendTo(url, "PATCH", "{\"completed\": false}").json().get("completed").asBoolean())
                .isFalse();
        assertThat(http.sendTo(url, "GET", null).json().get("completed").asBoolean()).isFalse();
    }

    @Test
    void patchAcceptsAWholeEchoedTodo() {
        JsonNode todo = create("{\"title\": \"echo me\"}");
        URI url = url(todo);
        String echoed = todo.toString().replace("\"completed\":false", "\"completed\":true");

        Http.Reply patched = http.sendTo(url, "PATCH", echoed);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("completed").asBoolean()).isTrue();
        assertThat(patched.json().get("url").asText()).isEqualTo(url.toString());
    }

    @Test
    void deleteOnTheUrlRemovesTheTodo() {
        URI kept = url(create("{\"title\": \"keep\"}"));
        URI removed = url(create("{\"title\": \"remove\"}"));

        assertThat(http.sendTo(removed, "DELETE", null).status()).isBetween(200, 299);

        assertThat(http.sendTo(removed, "GET", null).status()).isEqualTo(404);
        assertThat(http.get("/todos").json().findValuesAsText("url")).containsExactly(kept.toString());
    }

    @Test
    void orderIsStoredOnCreate() {
        JsonNode created = create("{\"title\": \"ordered\", \"order\": 523}");
        assertThat(created.get("order").asInt()).isEqualTo(523);
        assertThat(http.sendTo(url(created), "GET", null).json().get("order").asInt()).isEqualTo(523);
        assertThat(http.get("/todos").json().get(0).get("order").asInt()).isEqualTo(523);
    }

    @Test
    void orderIsChangedByPatchAndPersists() {
        URI url = url(create("{\"title\": \"reorder me\", \"order\": 10}"));

        Http.Reply patched = http.sendTo(url, "PATCH", "{\"order\": 95}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("order").asInt()).isEqualTo(95);
        assertThat(patched.json().get("title").asText()).isEqualTo("reorder me");
        assertThat(http.sendTo(url, "GET", null).json().get("order").asInt()).isEqualTo(95);
    }

    @Test
    void todoWithoutOrderShowsNullOrder() {
        JsonNode created = create("{\"title\": \"no order\"}");
        assertThat(created.has("order")).isTrue();
        assertThat(created.get("order").isNull()).isTrue();
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        assertProblem(http.postJson("/todos", "{\"title\": \"\"}"), 400);
        assertProblem(http.postJson("/todos", "{}"), 400);
        assertProblem(http.postJson("/todos", "{\"title\": "), 400);
        assertProblem(http.postJson("/todos", "{\"title\": \"x\", \"order\": \"first\"}"), 400);
        assertProblem(http.postJson("/todos", "{\"title\": 5}"), 400);
        assertProblem(http.postJson("/todos", "{\"title\": \"x\", \"order\": 1.5}"), 400);
        assertProblem(http.postJson("/todos", "{\"title\": \"x\", \"order\": 99999999999}"), 400);
        assertThat(http.get("/todos").json()).isEmpty();

        URI url = url(create("{\"title\": \"stay\"}"));
        assertProblem(http.sendTo(url, "PATCH", "{}"), 400);
        assertProblem(http.sendTo(url, "PATCH", "{\"completed\": \"yes\"}"), 400);
        assertThat(http.sendTo(url, "GET", null).json().get("completed").asBoolean()).isFalse();
        assertProblem(http.get("/todos/not-an-id"), 404);
    }

    // ---- CORS ----------------------------------------------------------------------------------------------

    @Test
    void preflightOnTheRootAllowsAnyOriginAndTheMethodsTheSpecUses() {
        assertPreflightAllowed(app.server().uri("/todos"), "POST");
        assertPreflightAllowed(app.server().uri("/todos"), "DELETE");
    }

    @Test
    void preflightOnATodoUrlAllowsAnyOriginAndTheMethodsTheSpecUses() {
        URI url = url(create("{\"title\": \"preflight me\"}"));
        assertPreflightAllowed(url, "PATCH");
        assertPreflightAllowed(url, "DELETE");
        assertThat(http.sendTo(url, "GET", null).status()).as("preflight changes nothing").isEqualTo(200);
    }

    @Test
    void actualResponsesCarryAllowOriginIncludingErrors() {
        String origin = "https://www.todobackend.com";
        Http.Reply created = http.postJson("/todos", "{\"title\": \"cors\"}", "Origin", origin);
        assertThat(created.header("Access-Control-Allow-Origin")).contains("*");

        Http.Reply listed = http.get("/todos", "Origin", origin);
        assertThat(listed.header("Access-Control-Allow-Origin")).contains("*");

        Http.Reply missing = http.get("/todos/0123456789abcdef01234567", "Origin", origin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Access-Control-Allow-Origin")).contains("*");

        Http.Reply invalid = http.postJson("/todos", "{\"title\": \" \"}", "Origin", origin);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Access-Control-Allow-Origin")).contains("*");

        Http.Reply noRoute = http.get("/nothing-here", "Origin", origin);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.header("Access-Control-Allow-Origin")).contains("*");

        Http.Reply deleted = http.sendTo(url(created.json()), "DELETE", null);
        assertThat(deleted.header("Access-Control-Allow-Origin")).contains("*");
    }

    // ---- concurrency ---------------------------------------------------------------------------------------

    @Test
    void twentyTodosCreatedAtTheSameInstantAreAllKept() {
        int count = 20;
        Set<String> createdIds = new HashSet<>();
        for (Http.Reply created : Http.atOnce(count,
                i -> http.postJson("/todos", "{\"title\": \"parallel " + i + "\"}"))) {
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            createdIds.add(created.json().get("id").asText());
        }
        assertThat(createdIds).hasSize(count);

        JsonNode list = http.get("/todos").json();
        assertThat(list.findValuesAsText("id")).hasSize(count).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(createdIds);
        List<String> titles = list.findValuesAsText("title");
        for (int i = 0; i < count; i++) {
            assertThat(titles).contains("parallel " + i);
        }
    }

    // ---- links ---------------------------------------------------------------------------------------------

    @Test
    void forwardedHeadersAreNotTrustedWithoutAProxyValve() {
        String own = "http://127.0.0.1:" + app.server().base().getPort() + "/todos/";
        Http.Reply created = http.postJson("/todos", "{\"title\": \"forwarded\"}",
                "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443",
                "Forwarded", "host=evil.example;proto=https");

        assertThat(created.json().get("url").asText()).startsWith(own);
        assertThat(created.header("Location")).hasValueSatisfying(location -> assertThat(location).startsWith(own));
        Http.Reply listed = http.get("/todos", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https");
        assertThat(listed.json().findValuesAsText("url")).allSatisfy(url -> assertThat(url).startsWith(own));
    }

    // ---- one store, two APIs -------------------------------------------------------------------------------

    @Test
    void todosCreatedHereAreVisibleInTheTutorialApi() {
        JsonNode created = create("{\"title\": \"seen from /todo\"}");
        String id = created.get("id").asText();

        JsonNode tutorial = http.get("/todo/" + id).json();
        assertThat(tutorial.get("content").asText()).isEqualTo("seen from /todo");
        assertThat(tutorial.get("is_finished").asBoolean()).isFalse();
        assertThat(tutorial.get("finished_at").isNull()).isTrue();

        http.sendTo(url(created), "PATCH", "{\"completed\": true, \"title\": \"done from /todos\"}");
        JsonNode finished = http.get("/todo/" + id).json();
        assertThat(finished.get("content").asText()).isEqualTo("done from /todos");
        assertThat(finished.get("is_finished").asBoolean()).isTrue();
        assertThat(finished.get("finished_at").isNumber()).isTrue();
        assertThat(http.get("/todo?finished=true").json().get("data").findValuesAsText("id")).containsExactly(id);
    }

    @Test
    void todosCreatedInTheTutorialApiAreVisibleHere() {
        String id = http.postForm("/todo", Map.of("content", "好好学习")).json().get("id").asText();

        JsonNode listed = http.get("/todos").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).get("title").asText()).isEqualTo("好好学习");
        assertThat(listed.get(0).get("completed").asBoolean()).isFalse();
        URI url = URI.create(listed.get(0).get("url").asText());

        assertThat(http.put("/todo/" + id + "/finish").status()).isEqualTo(200);
        assertThat(http.sendTo(url, "GET", null).json().get("completed").asBoolean()).isTrue();

        assertThat(http.delete("/todo/" + id).status()).isEqualTo(204);
        assertThat(http.sendTo(url, "GET", null).status()).isEqualTo(404);
    }

    @Test
    void titleEditedHereBumpsTheTutorialETag() {
        JsonNode created = create("{\"title\": \"tagged\"}");
        String id = created.get("id").asText();
        String etag = http.get("/todo/" + id).header("ETag").orElseThrow();

        http.sendTo(url(created), "PATCH", "{\"title\": \"retagged\"}");

        assertThat(http.get("/todo/" + id, "If-None-Match", etag).status()).isEqualTo(200);
        assertThat(http.patchJson("/todo/" + id, "{\"content\": \"lost update\"}", "If-Match", etag).status())
                .isEqualTo(412);
        assertThat(http.get("/todo/" + id).json().get("content").asText()).isEqualTo("retagged");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private JsonNode create(String json) {
        Http.Reply created = http.postJson("/todos", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static URI url(JsonNode todo) {
        return URI.create(todo.get("url").asText());
    }

    private void assertPreflightAllowed(URI target, String method) {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(target)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://www.todobackend.com")
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isBetween(200, 299);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase(Locale.ROOT)).contains("content-type"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("GET", "POST", "PATCH", "DELETE"));
    }

    /** A request with headers to an absolute URI, as a browser sends a preflight to a todo's {@code url}. */
    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void assertProblem(Http.Reply reply, int status) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        assertThat(reply.header("Access-Control-Allow-Origin")).contains("*");
    }
}
