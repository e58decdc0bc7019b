package todoservice.stack;

import todoservice.it.Poll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import todoservice.it.RawHttp;

/** Cases 4, 6 and 7: what nginx refuses, to whom, and what it never tells. */
@ExtendWith(StackExtension.class)
class ProtectionStackIT {

    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @Test
    void aHundredMegabyteBodyIs413FromNginxAndNeverReachesTomcat() {
        for (boolean chunked : new boolean[] {false, true}) {
            for (String path : List.of("/todo", "/todo/import")) {
                String requestId = "huge-" + UUID.randomUUID();
                long start = System.nanoTime();
                RawHttp.Reply reply;
                try (RawHttp client = new RawHttp("127.0.0.4", Stack.PUBLIC_PORT)) {
                    reply = client.sendLarge("POST", path, HUNDRED_MB, chunked, "Content-Type", "application/json",
                            "X-Request-Id", requestId);
                }
                Stack.figure("100 MB POST %s (%s): %d after %.2f s", path, chunked ? "chunked" : "Content-Length",
                        reply.status(), Stack.seconds(start));
                assertThat(reply.status()).isEqualTo(413);
                assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(nginxLine(requestId)).contains("\" 413 ").contains(" node=- ");
                assertThat(Stack.nodeAccessLog("node1")).noneMatch(line -> line.contains(requestId));
                assertThat(Stack.nodeAccessLog("node2")).noneMatch(line -> line.contains(requestId));
            }
        }
    }

    @Test
    void theImportRouteLetsAMegabyteThroughToANode() {
        String requestId = "import-" + UUID.randomUUID();
        try (RawHttp client = new RawHttp("127.0.0.4", Stack.PUBLIC_PORT)) {
            client.sendLarge("POST", "/todo/import", 1024 * 1024, false, "Content-Type", "application/x-ndjson",
                    "X-Request-Id", requestId);
        }
        // Whatever the node answers (the route arrives with the jobs issue), nginx passed the body on.
        assertThat(nginxLine(requestId)).containsPattern(" node=127\\.0\\.0\\.1:800[01] ");
    }

    @Test
    void aFloodFromOneAddressIsAnswered429WhileAnotherAddressIsStillServed() throws Exception {
        ExecutorService flooders = Executors.newFixedThreadPool(40);
        List<Future<List<RawHttp.Reply>>> floods = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            floods.add(flooders.submit(() -> {
                List<RawHttp.Reply> replies = new ArrayList<>();
                try (RawHttp flooder = new RawHttp("127.0.0.1", Stack.PUBLIC_PORT)) {
                    for (int n = 0; n < 25; n++) {
                        replies.add(flooder.get("/health/live"));
                    }
                }
                return replies;
            }));
        }
        List<Integer> other = new ArrayList<>();
        double slowest = 0;
        try (RawHttp bystander = StackAccount.shared().client("127.0.0.2")) {
            while (floods.stream().anyMatch(flood -> !flood.isDone()) || other.size() < 5) {
                long start = System.nanoTime();
                other.add(bystander.get("/todo?limit=1").status());
                slowest = Math.max(slowest, Stack.seconds(start));
                Poll.pause(Duration.ofMillis(50));
            }
        }
        List<RawHttp.Reply> flood = new ArrayList<>();
        for (Future<List<RawHttp.Reply>> future : floods) {
            flood.addAll(future.get());
        }
        flooders.shutdown();
        List<RawHttp.Reply> refused = flood.stream().filter(reply -> reply.status() == 429).toList();

        Stack.figure("flood from 127.0.0.1: %d requests, %d answered 429, %d answered 200; 127.0.0.2 meanwhile:"
                + " %d requests, statuses %s, slowest %.2f s", flood.size(), refused.size(),
                flood.stream().filter(reply -> reply.status() == 200).count(), other.size(),
                other.stream().distinct().toList(), slowest);
        assertThat(refused).isNotEmpty();
        assertThat(flood).allMatch(reply -> reply.status() == 200 || reply.status() == 429);
        RawHttp.Reply sample = refused.get(0);
        assertThat(sample.header("Retry-After")).isEqualTo("1");
        assertThat(sample.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(sample.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(sample.header("X-Request-Id")).isNotBlank();
        assertThat(other).containsOnly(200);
        Poll.pause(Duration.ofSeconds(3)); // 127.0.0.1's allowance refills (50/s) for the tests that follow
    }

    @Test
    void answersNameNoVersionsAndMetricsAreRefusedToClientsThatAreNotLoopbackTrusted() {
        StackAccount account = StackAccount.shared();
        try (RawHttp other = account.client("127.0.0.2");
                RawHttp local = new RawHttp("127.0.0.1", Stack.PUBLIC_PORT);
                RawHttp otherDirect = account.client("127.0.0.2", 8000)) {
            RawHttp.Reply answer = other.get("/todo?limit=1");
            assertThat(answer.headers().get("server")).containsExactly("nginx");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'");

            RawHttp.Reply refused = other.get("/metrics");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(other.get("/metrics", "X-Forwarded-For", "127.0.0.1").status()).isEqualTo(403);
            RawHttp.Reply metrics = local.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text()).contains("jvm_memory_used_bytes");

            // A Tomcat reached without nginx: the application refuses too, and 127.0.0.2 is no trusted proxy.
            assertThat(otherDirect.get("/metrics").status()).isEqualTo(403);
            assertThat(otherDirect.get("/metrics", "X-Forwarded-For", "127.0.0.1").status()).isEqualTo(403);
            RawHttp.Reply direct = otherDirect.get("/todo?limit=1");
            assertThat(direct.headers()).doesNotContainKey("server");

            assertThat(other.get("/WEB-INF/web.xml").status()).isEqualTo(404);
            assertThat(other.get("/META-INF/MANIFEST.MF").status()).isEqualTo(404);
            RawHttp.Reply manager = other.get("/manager/html");
            assertThat(manager.status()).isEqualTo(404);
            assertThat(manager.text()).doesNotContainIgnoringCase("tomcat");
        }
        try (RawHttp malformed = new RawHttp("127.0.0.1", 8000)) {
            RawHttp.Reply error = malformed.get("/%zz");
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.text()).doesNotContain("Apache Tomcat").doesNotContain("Exception").doesNotContain("11.0");
        }
    }

    private static String nginxLine(String requestId) {
        List<String> found = new ArrayList<>();
        assertThat(Poll.until(Duration.ofSeconds(30), () -> {
            found.clear();
            Stack.nginxAccessLog().stream().filter(line -> line.contains("request_id=" + requestId)).forEach(found::add);
            return !found.isEmpty();
        })).as("nginx logged %s", requestId).isTrue();
        return found.get(0);
    }
}
