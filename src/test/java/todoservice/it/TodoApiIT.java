package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tutorial's sequence over real HTTP: create, list, finish, edit, delete. */
class TodoApiIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension();

    private final Http http = app.http();

    @Test
    void theTutorialsFormPostCreatesATodoWithItsFields() {
        Http.Reply created = http.postForm("/todo", Map.of("content", "好好学习"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode todo = created.json();
        assertThat(todo.get("id").asText()).matches("[0-9a-f]{24}");
        assertThat(todo.get("content").asText()).isEqualTo("好好学习");
        assertThat(todo.get("is_finished").asBoolean()).isFalse();
        assertThat(todo.get("finished_at").isNull()).isTrue();
        assertThat(todo.get("created_at").isNumber()).isTrue();
        assertThat(created.header("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/todo/" + todo.get("id").asText()));
        assertThat(created.contentType()).startsWith("application/json");
    }

    @Test
    void aJsonPostCreatesATodoToo() {
        Http.Reply created = http.postJson("/todo", "{\"content\": \"天天向上\"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(http.get("/todo/" + id).json().get("content").asText()).isEqualTo("天天向上");
    }

    @Test
    void createdAtIsEpochSecondsWithAFraction() {
        double before = System.currentTimeMillis() / 1000.0;
        JsonNode todo = http.postForm("/todo", Map.of("content", "timed")).json();
        double after = System.currentTimeMillis() / 1000.0;

        assertThat(todo.get("created_at").asDouble()).isBetween(before - 1, after + 1);
        assertThat(http.postForm("/todo", Map.of("content", "x")).body()).doesNotContain("E9");
    }

    @Test
    void theListShowsTheNewestTodoFirst() {
        String older = create("older");
        String newer = create("newer");

        JsonNode data = http.get("/todo").json().get("data");

        assertThat(indexOf(data, newer)).isLessThan(indexOf(data, older));
    }

    @Test
    void finishingTwiceKeepsTheFirstFinishTime() {
        String id = create("finish me");

        Http.Reply first = http.put("/todo/" + id + "/finish");
        Http.Reply second = http.put("/todo/" + id + "/finish");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("is_finished").asBoolean()).isTrue();
        assertThat(first.json().get("finished_at").isNumber()).isTrue();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("finished_at")).isEqualTo(first.json().get("finished_at"));
        assertThat(http.get("/todo/" + id).json().get("is_finished").asBoolean()).isTrue();
    }

    @Test
    void patchEditsContentAndUnfinishingClearsTheFinishTime() {
        String id = create("draft");
        http.put("/todo/" + id + "/finish");

        Http.Reply edited = http.patchJson("/todo/" + id, "{\"content\": \"final\", \"is_finished\": false}");

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("content").asText()).isEqualTo("final");
        assertThat(edited.json().get("is_finished").asBoolean()).isFalse();
        assertThat(edited.json().get("finished_at").isNull()).isTrue();
        assertThat(http.get("/todo/" + id).json()).isEqualTo(edited.json());
    }

    @Test
    void patchAcceptsAFormLikeTheTutorialsCommands() {
        String id = create("form edit");

        Http.Reply edited = http.send("PATCH", "/todo/" + id,
                java.net.http.HttpRequest.BodyPublishers.ofString(Http.form(Map.of("is_finished", "true"))),
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("is_finished").asBoolean()).isTrue();
    }

    @Test
    void anEditorHoldingTheCurrentETagMayWriteAndAStaleOneIsRefused() {
        String id = create("shared");
        String etag = http.get("/todo/" + id).header("ETag").orElseThrow();

        Http.Reply mine = http.patchJson("/todo/" + id, "{\"content\": \"mine\"}", "If-Match", etag);
        Http.Reply theirs = http.patchJson("/todo/" + id, "{\"content\": \"theirs\"}", "If-Match", etag);

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.header("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(theirs.status()).isEqualTo(412);
        assertThat(theirs.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/todo/" + id).json().get("content").asText()).isEqualTo("mine");
    }

    @Test
    void anUnchangedTodoIsNotSentAgain() {
        String id = create("cached by the client");
        String etag = http.get("/todo/" + id).header("ETag").orElseThrow();

        assertThat(http.get("/todo/" + id, "If-None-Match", etag).status()).isEqualTo(304);
        http.put("/todo/" + id + "/finish");
        assertThat(http.get("/todo/" + id, "If-None-Match", etag).status()).isEqualTo(200);
    }

    @Test
    void deleteRemovesTheTodo() {
        String id = create("delete me");

        assertThat(http.delete("/todo/" + id).status()).isEqualTo(204);
        assertThat(http.get("/todo/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/todo/" + id).status()).isEqualTo(404);
        assertThat(indexOf(http.get("/todo?limit=100").json().get("data"), id)).isEqualTo(-1);
    }

    @Test
    void aRetriedPostWithAnIdempotencyKeyCreatesOneTodo() {
        Http.Reply first = http.postForm("/todo", Map.of("content", "once"), "Idempotency-Key", "retry-123");
        Http.Reply retry = http.postForm("/todo", Map.of("content", "once"), "Idempotency-Key", "retry-123");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.json()).isEqualTo(first.json());
        long copies = 0;
        for (JsonNode todo : http.get("/todo?limit=100").json().get("data")) {
            copies += todo.get("content").asText().equals("once") ? 1 : 0;
        }
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void everyAnswerCarriesARequestIdAndEchoesAWellFormedOne() {
        assertThat(http.get("/todo").header("X-Request-Id")).isPresent();
        assertThat(http.get("/todo", "X-Request-Id", "abc-123").header("X-Request-Id")).contains("abc-123");
        assertThat(http.get("/todo", "X-Request-Id", "bad id\twith spaces").header("X-Request-Id"))
                .isPresent().get().isNotEqualTo("bad id\twith spaces");
    }

    private String create(String content) {
        Http.Reply reply = http.postForm("/todo", Map.of("content", content));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    private static int indexOf(JsonNode data, String id) {
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
