package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.LoopbackPorts;

/** Health, readiness and metrics, and what a client sees while the database is down. */
class OperationsIT {

    @Test
    void healthAndMetricsDescribeARunningService() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                TestServer server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo")))) {
            Http http = new Http(server);
            String id = http.postForm("/todo", Map.of("content", "measured")).json().get("id").asText();
            http.get("/todo/" + id);
            http.get("/todo/" + id);
            http.get("/todo/" + "0".repeat(24));
            http.get("/no/such/route");

            assertThat(http.get("/health/live").json().get("status").asText()).isEqualTo("UP");
            Http.Reply ready = http.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().at("/checks/mongodb/status").asText()).isEqualTo("UP");
            assertThat(ready.json().at("/checks/indexes/status").asText()).isEqualTo("UP");

            Http.Reply metrics = http.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("jvm_memory_used_bytes")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\""
                            + "[^}]*uri=\"/todo/\\{id\\}\"[^}]*\\} 2")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*outcome=\"CLIENT_ERROR\""
                            + "[^}]*status=\"404\"[^}]*uri=\"/todo/\\{id\\}\"[^}]*\\} 1")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\""
                            + "[^}]*uri=\"NOT_FOUND\"[^}]*\\} 1")
                    .doesNotContain("uri=\"/todo/" + id)
                    .doesNotContain("/no/such/route")
                    .containsPattern("mongodb_driver_commands_seconds_count\\{[^}]*collection=\"todos\""
                            + "[^}]*command=\"find\"");
        }
    }

    @Test
    void aDeadDatabaseGivesAQuick503AndNotReadyThenRecovers() {
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        int port = mongo.port();
        try (TestServer server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo")))) {
            Http http = new Http(server);
            assertThat(http.get("/todo").status()).isEqualTo(200);

            mongo.close();

            long started = System.nanoTime();
            // A page nobody read before: neither cache tier can answer it.
            Http.Reply list = http.get("/todo?limit=7");
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(list.status()).isEqualTo(503);
            assertThat(list.contentType()).startsWith("application/problem+json");
            assertThat(list.header("Retry-After")).isPresent();
            // The target is about 2 s (MONGODB_TIMEOUT 1.5 s); the generous bound only proves that the driver's
            // 30 s default is not in force. The benchmark is where timings are measured.
            assertThat(elapsedMs).isLessThan(20_000);

            Http.Reply ready = http.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().at("/checks/mongodb/status").asText()).isEqualTo("DOWN");
            assertThat(ready.json().at("/checks/mongodb/error").asText()).contains("MongoDB is unreachable");
            assertThat(http.get("/health/live").status()).isEqualTo(200);

            try (EmbeddedMongo back = EmbeddedMongo.onPort(port)) {
                assertThat(Poll.until(() -> http.get("/health/ready").status() == 200)).isTrue();
                assertThat(http.get("/todo").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aWarDeployedWithNoDatabaseStartsButReportsNotReady() {
        int nothingListens = LoopbackPorts.free();
        try (TestServer server = TestServer.start("",
                Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + nothingListens + "/todo"))) {
            Http http = new Http(server);

            Http.Reply ready = http.get("/health/ready");

            assertThat(ready.status()).isEqualTo(503);
            JsonNode checks = ready.json().get("checks");
            assertThat(checks.at("/mongodb/error").asText()).contains("MongoDB is unreachable");
            assertThat(checks.at("/indexes/status").asText()).isEqualTo("DOWN");
        }
    }

    @Test
    void anInvalidSettingStopsTheDeploymentAndNamesTheKey() {
        try (TestServer server = TestServer.startAllowingFailure(Map.of("MONGODB_TIMEOUT", "soon"))) {
            assertThat(server.isDeployed()).isFalse();
        }
    }
}
