package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TodoApiIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension();

    private final Http http = app.http();

    @Test
    void theTutorialsFormPostCreatesATodoThatListsNewestFirst() {
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
}
