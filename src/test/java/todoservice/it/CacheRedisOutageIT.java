package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.EmbeddedRedis;
import todoservice.dev.LoopbackPorts;

/**
 * A dead Redis (issue 3, test 4): killed under load, the service keeps answering from L1 and MongoDB without a single
 * 5xx and stays ready; when Redis is back on the same port, the nodes use it again and serve nothing a write made
 * during the outage has replaced.
 */
class CacheRedisOutageIT {

    private static final int CLIENT_THREADS = 8;
    /** How long the load runs before Redis is killed, while it is dead, and after it is started again. */
    private static final long PHASE_MILLIS = 2_000;

    @Test
    void killingRedisUnderLoadCausesNoErrorsAndNothingStaleIsServedAfterItReturns() throws Exception {
        // Default settings: L1 for 5 s, Redis timeout 250 ms, breaker probing every second.
        try (CacheCluster cluster = CacheCluster.start(2, Map.of())) {
            Http a = cluster.node(0);
            Http b = cluster.node(1);
            List<String> stable = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                stable.add(CacheCluster.create(a, "stays " + i));
            }
            String doomed = CacheCluster.create(a, "deleted while Redis is dead");
            for (Http node : List.of(a, b)) {
                assertThat(node.get("/todo").status()).isEqualTo(200);
                assertThat(node.get("/todo/" + doomed).status()).isEqualTo(200);
            }

            Load load = new Load(cluster, stable);
            try {
                CacheCluster.sleep(PHASE_MILLIS);
                cluster.redis().stop();

                for (Http node : List.of(a, b)) {
                    assertThat(Poll.until(() -> redisStatus(node).equals("DOWN")))
                            .as("readiness reports Redis DOWN").isTrue();
                    Http.Reply ready = node.get("/health/ready");
                    assertThat(ready.status()).as("readiness without Redis").isEqualTo(200);
                    assertThat(ready.json().get("status").asText()).isEqualTo("UP");
                }
                String written = CacheCluster.create(a, "written while Redis is dead");
                assertThat(a.delete("/todo/" + doomed).status()).isEqualTo(204);
                // The node that wrote sees its own writes at once, even without Redis.
                assertThat(ids(a.get("/todo"))).contains(written).doesNotContain(doomed);
                assertThat(a.get("/todo/" + doomed).status()).isEqualTo(404);
                CacheCluster.sleep(PHASE_MILLIS);

                cluster.redis().start();
                for (Http node : List.of(a, b)) {
                    assertThat(Poll.until(() -> redisStatus(node).equals("UP")))
                            .as("readiness reports Redis UP again").isTrue();
                }
                CacheCluster.sleep(PHASE_MILLIS);
                load.stop();

                assertThat(load.unexpected).as("answers other than the expected 2xx or 404").isEmpty();
                assertThat(load.requests.get()).as("requests made under load").isGreaterThan(100);

                for (Http node : List.of(a, b)) {
                    double before = l2Lookups(node);
                    assertThat(Poll.until(() -> {
                        node.get("/todo?limit=" + (1 + (int) (Math.random() * 100)));
                        return l2Lookups(node) > before;
                    })).as("L2 is asked again after Redis returned").isTrue();
                    assertThat(CacheCluster.metric(node, "todo_cache_redis_breaker_state")).isZero();

                    assertThat(ids(node.get("/todo"))).contains(written).doesNotContain(doomed);
                    assertThat(ids(node.get("/todo?finished=false"))).contains(written).doesNotContain(doomed);
                    assertThat(node.get("/todo/" + written).status()).isEqualTo(200);
                    assertThat(node.get("/todo/" + doomed).status()).isEqualTo(404);
                }
            } finally {
                load.stop();
            }
        }
    }

    @Test
    void aNodeDeployedWhileRedisIsDownServesFromMongoDbAndStartsUsingRedisWhenItAppears() {
        int redisPort = LoopbackPorts.free();
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                TestServer server = TestServer.start("", Map.of(
                        "MONGODB_URI", mongo.uri("todo"),
                        "REDIS_URI", "redis://127.0.0.1:" + redisPort))) {
            Http node = new Http(server);
            String id = CacheCluster.create(node, "no Redis yet");
            for (int i = 0; i < 10; i++) {
                assertThat(ids(node.get("/todo?limit=" + (i + 1)))).contains(id);
                assertThat(node.get("/todo/" + id).status()).isEqualTo(200);
            }
            assertThat(node.get("/health/ready").status()).isEqualTo(200);
            assertThat(l2Lookups(node)).as("L2 lookups while Redis was down").isZero();

            try (EmbeddedRedis redis = EmbeddedRedis.start(redisPort)) {
                assertThat(redis.port()).isEqualTo(redisPort);
                assertThat(Poll.until(() -> {
                    node.get("/todo?limit=" + (1 + (int) (Math.random() * 100)));
                    return l2Lookups(node) > 0;
                })).as("L2 is asked once Redis is there").isTrue();
                assertThat(redisStatus(node)).isEqualTo("UP");
                String later = CacheCluster.create(node, "with Redis");
                assertThat(ids(node.get("/todo"))).contains(later, id);
            }
        }
    }

    private static String redisStatus(Http node) {
        return node.get("/health/ready").json().at("/checks/redis/status").asText();
    }

    private static double l2Lookups(Http node) {
        return CacheCluster.cacheGets(node, "l2", "hit") + CacheCluster.cacheGets(node, "l2", "miss");
    }

    private static List<String> ids(Http.Reply page) {
        assertThat(page.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(todo -> ids.add(todo.get("id").asText()));
        return ids;
    }

    /**
     * Client threads spread over both nodes: first pages, existing todos (200), unknown ids (404), and on two of the
     * threads, todos created (201), deleted (204) and read again on the same node (404).
     */
    private static final class Load {

        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger requests = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        private final List<Future<?>> loops = new ArrayList<>();

        Load(CacheCluster cluster, List<String> stable) {
            for (int t = 0; t < CLIENT_THREADS; t++) {
                String name = "node " + (t % 2 == 0 ? "A" : "B");
                Http node = cluster.node(t % 2);
                boolean writes = t < 2;
                loops.add(pool.submit(() -> run(name, node, stable, writes)));
            }
        }

        private void run(String name, Http node, List<String> stable, boolean writes) {
            for (int i = 0; running.get(); i++) {
                try {
                    switch (i % 4) {
                        case 0 -> expect(name, "GET /todo", node.get("/todo").status(), 200);
                        case 1 -> {
                            String id = stable.get(i % stable.size());
                            expect(name, "GET /todo/" + id, node.get("/todo/" + id).status(), 200);
                        }
                        case 2 -> {
                            String id = new ObjectId().toHexString();
                            expect(name, "GET unknown /todo/" + id, node.get("/todo/" + id).status(), 404);
                        }
                        default -> {
                            if (writes) {
                                Http.Reply created = node.postForm("/todo", Map.of("content", "load " + i));
                                expect(name, "POST /todo", created.status(), 201);
                                if (created.status() == 201) {
                                    String id = created.json().get("id").asText();
                                    expect(name, "GET new /todo/" + id, node.get("/todo/" + id).status(), 200);
                                    expect(name, "DELETE /todo/" + id, node.delete("/todo/" + id).status(), 204);
                                    expect(name, "GET deleted /todo/" + id, node.get("/todo/" + id).status(), 404);
                                }
                            } else {
                                expect(name, "GET /todo?finished=false",
                                        node.get("/todo?finished=false").status(), 200);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    unexpected.add(name + ": " + e);
                }
            }
        }

        private void expect(String node, String what, int status, int expected) {
            requests.incrementAndGet();
            if (status != expected) {
                unexpected.add(node + ": " + what + " answered " + status + " (expected " + expected + ")");
            }
        }

        void stop() throws Exception {
            if (running.getAndSet(false)) {
                for (Future<?> loop : loops) {
                    loop.get(60, TimeUnit.SECONDS);
                }
                pool.shutdownNow();
            }
        }
    }
}
