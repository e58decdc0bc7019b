package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;

/** /metrics is for loopback clients and token holders, even on a Tomcat reached without nginx. */
class MetricsAccessIT {

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
}
