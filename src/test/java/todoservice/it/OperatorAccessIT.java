package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;

/**
 * /metrics, and why a dependency is down, are for loopback clients and token holders, even on a Tomcat reached
 * without nginx.
 */
class OperatorAccessIT {

    private static final String TOKEN = "a-metrics-token-long-enough";

    @Test
    void aRemoteClientNeedsTheTokenAndALoopbackClientDoesNot() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                TestServer server = TestServer.startBehindProxy(Map.of("MONGODB_URI", mongo.uri("todo"),
                        "METRICS_TOKEN", TOKEN))) {
            Http http = new Http(server);

            Http.Reply remote = http.get("/metrics", "X-Forwarded-For", "203.0.113.7");
            assertThat(remote.status()).isEqualTo(403);
            assertThat(remote.contentType()).startsWith("application/problem+json");
            assertThat(remote.body()).doesNotContain("jvm_memory");

            assertThat(http.get("/metrics", "X-Forwarded-For", "203.0.113.7",
                    "Authorization", "Bearer wrong-token-of-some-length").status()).isEqualTo(403);
            assertThat(http.get("/metrics", "X-Forwarded-For", "203.0.113.7",
                    "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
            assertThat(http.get("/metrics").status()).as("loopback").isEqualTo(200);
        }
    }

    @Test
    void whyTheDatabaseIsDownIsToldToOperatorsOnly() throws IOException {
        // A port held (never accepting a handshake) for the whole test, so no other server can take it meanwhile.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TestServer server = TestServer.startBehindProxy(Map.of(
                        "MONGODB_URI", "mongodb://127.0.0.1:" + silent.getLocalPort() + "/todo",
                        "METRICS_TOKEN", TOKEN))) {
            Http http = new Http(server);

            Http.Reply remote = http.get("/health/ready", "X-Forwarded-For", "203.0.113.7");
            assertThat(remote.status()).isEqualTo(503);
            assertThat(remote.json().at("/checks/mongodb/status").asText()).isEqualTo("DOWN");
            assertThat(remote.json().at("/checks/mongodb").size()).as("only the status").isEqualTo(1);
            assertThat(remote.body()).doesNotContain("com.mongodb", "Exception", "127.0.0.1");

            for (Http.Reply operator : new Http.Reply[] {http.get("/health/ready"), http.get("/health/ready",
                    "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer " + TOKEN)}) {
                assertThat(operator.status()).isEqualTo(503);
                assertThat(operator.json().at("/checks/mongodb/error").asText()).contains("127.0.0.1");
            }
        }
    }
}
