package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deployed under a context path (as in Tomcat's webapps/api.war), every link the service hands out keeps it. */
class TodoBackendContextPathIT {

    @RegisterExtension
    static final TodoServiceExtension app = new TodoServiceExtension("/api", Map.of());

    private final Http http = app.http();

    private String root() {
        return "http://127.0.0.1:" + app.server().base().getPort();
    }

    @Test
    void todoUrlsKeepTheContextPathAndCanBeFollowed() {
        Http.Reply created = http.postJson("/todos", "{\"title\": \"under /api\", \"order\": 3}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode todo = created.json();
        String url = todo.get("url").asText();
        assertThat(url).isEqualTo(root() + "/api/todos/" + todo.get("id").asText());
        assertThat(created.header("Location")).contains(url);

        Http.Reply fetched = http.sendTo(URI.create(url), "GET", null);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(todo);

        Http.Reply patched = http.sendTo(URI.create(url), "PATCH", "{\"completed\": true}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("url").asText()).isEqualTo(url);
        assertThat(http.get("/todos").json().findValuesAsText("url")).contains(url);
        assertThat(http.sendTo(URI.create(url), "GET", null).json().get("completed").asBoolean()).isTrue();

        assertThat(http.sendTo(URI.create(url), "DELETE", null).status()).isEqualTo(204);
        assertThat(http.sendTo(URI.create(url), "GET", null).status()).isEqualTo(404);
    }

    @Test
    void tutorialApiWorksUnderTheContextPathAndItsLocationKeepsIt() {
        Http.Reply created = http.postForm("/todo", Map.of("content", "好好学习"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).contains(root() + "/api/todo/" + id);

        Http.Reply fetched = http.sendTo(URI.create(root() + "/api/todo/" + id), "GET", null);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().get("content").asText()).isEqualTo("好好学习");
        assertThat(http.get("/todos").json().findValuesAsText("id")).contains(id);
    }

    @Test
    void pathsWithoutTheContextPathAreNotTheApp() {
        for (String path : new String[] {"/todo", "/todos", "/metrics"}) {
            Http.Reply outside = http.sendTo(URI.create(root() + path), "GET", null);
            assertThat(outside.status()).as(path).isEqualTo(404);
            // Tomcat's own 404 (its error-report valve), not the application's, which names the path and the id.
            assertThat(outside.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(outside.json().get("detail").asText()).as(path).isEqualTo("There is nothing here.");
            assertThat(outside.header("X-Request-Id")).as(path).isEmpty();
        }
        assertThat(http.get("/todo").status()).isEqualTo(200);
    }

    @Test
    void problemsUnderTheContextPathNameThePathInsideTheApp() {
        Http.Reply missing = http.get("/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("detail").asText()).contains("/nothing-here");
    }
}
