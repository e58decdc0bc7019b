package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import todoservice.dev.EmbeddedMongo;

/** Todos outlive the application and the development store itself. */
class PersistenceIT {

    @TempDir
    Path dataDir;

    @Test
    void todosSurviveClosingAndReopeningTheStoreOnTheSameDirectory() {
        String id;
        String finishedAt;
        try (EmbeddedMongo store = EmbeddedMongo.onDisk(dataDir, "127.0.0.1", 0);
                TestServer server = TestServer.start("", Map.of("MONGODB_URI", store.uri("todo")))) {
            Http http = new Http(server);
            id = http.postForm("/todo", Map.of("content", "持久化 ✅")).json().get("id").asText();
            finishedAt = http.put("/todo/" + id + "/finish").json().get("finished_at").asText();
        }

        try (EmbeddedMongo store = EmbeddedMongo.onDisk(dataDir, "127.0.0.1", 0);
                TestServer server = TestServer.start("", Map.of("MONGODB_URI", store.uri("todo")))) {
            Http http = new Http(server);
            Http.Reply reply = http.get("/todo/" + id);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("content").asText()).isEqualTo("持久化 ✅");
            assertThat(reply.json().get("is_finished").asBoolean()).isTrue();
            assertThat(reply.json().get("finished_at").asText()).isEqualTo(finishedAt);
            assertThat(http.get("/todo").json().get("data")).hasSize(1);
        }
    }
}
