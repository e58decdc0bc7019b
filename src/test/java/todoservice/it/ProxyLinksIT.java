package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;

/** Behind nginx, the links a client receives point at the public host and scheme, not at Tomcat's. */
class ProxyLinksIT {

    @Test
    void behindATrustedProxyLinksUseThePublicSchemeAndHost() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                TestServer server = TestServer.startBehindProxy(Map.of("MONGODB_URI", mongo.uri("todo")))) {
            Http http = new Http(server);

            Http.Reply created = http.postJson("/todos", "{\"title\": \"public\"}",
                    "X-Forwarded-Proto", "https", "X-Forwarded-Host", "todo.example.com",
                    "X-Forwarded-For", "203.0.113.7");

            assertThat(created.status()).isEqualTo(201);
            JsonNode todo = created.json();
            assertThat(URI.create(todo.get("url").asText()))
                    .hasScheme("https").hasHost("todo.example.com").hasPath("/todos/" + todo.get("id").asText());
            assertThat(created.header("Location")).contains(todo.get("url").asText());

            Http.Reply direct = http.get("/todos");
            assertThat(direct.json().get(0).get("url").asText()).startsWith(server.base() + "todos/");
        }
    }

    @Test
    void withAPublicBaseUrlLinksIgnoreWhateverHostTheRequestNames() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                TestServer server = TestServer.startBehindProxy(Map.of("MONGODB_URI", mongo.uri("todo"),
                        "PUBLIC_BASE_URL", "https://todo.example.org/api"))) {
            Http http = new Http(server);

            Http.Reply created = http.postJson("/todos", "{\"title\": \"public\"}",
                    "X-Forwarded-Proto", "http", "X-Forwarded-Host", "attacker.example");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("url").asText()).startsWith("https://todo.example.org/api/todos/");
            assertThat(created.header("Location")).hasValueSatisfying(
                    location -> assertThat(location).startsWith("https://todo.example.org/api/todos/"));
        }
    }

    @Test
    void withAccountsOnAnUnlistedHostIsRefused() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                TestServer server = TestServer.startBehindProxy(Map.of("MONGODB_URI", mongo.uri("todo"),
                        "AUTH_ANONYMOUS", "false", "ALLOWED_HOSTS", "todo.example.org"))) {
            Http http = new Http(server);

            Http.Reply foreign = http.get("/health/live", "X-Forwarded-Host", "attacker.example");
            Http.Reply listed = http.get("/health/live", "X-Forwarded-Host", "todo.example.org");

            assertThat(foreign.status()).isEqualTo(400);
            assertThat(foreign.contentType()).startsWith("application/problem+json");
            assertThat(listed.status()).isEqualTo(200);
        }
    }
}
