package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Penetration (issue 3, test 2): requests for todos that do not exist must not go to the database one by one. An
 * unknown but well-formed id is asked once and then remembered as absent; a malformed id is never asked at all.
 */
class CachePenetrationIT {

    private static final int REQUESTS = 1_000;
    private static final int CLIENT_THREADS = 32;

    /**
     * The absent marker lives 60 s (default 10 s), so the whole flood, however slow the machine, falls inside one
     * negative period; the other settings are the defaults.
     */
    private static CacheCluster cluster;

    @BeforeAll
    static void start() {
        cluster = CacheCluster.start(2, Map.of("CACHE_NEGATIVE_TTL", "60s"));
        CacheCluster.create(cluster.node(0), "the only todo that exists");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aThousandRequestsForAMissingTodoCostOneDatabaseQuery() throws Exception {
        String missing = new ObjectId().toHexString();

        long before = cluster.todoFinds();
        List<Integer> statuses = flood(REQUESTS, i -> cluster.node(i % 2).get("/todo/" + missing).status());
        long finds = cluster.todoFinds() - before;

        assertThat(statuses).hasSize(REQUESTS).containsOnly(404);
        assertThat(finds).as("MongoDB finds for %d requests of one missing id on two nodes", REQUESTS).isEqualTo(1);
    }

    @Test
    void malformedIdsNeverReachTheCacheOrTheDatabase() throws Exception {
        List<String> malformed = List.of(
                "xyz",
                "0123456789abcdef01234567f", // 25 hex digits
                "0123456789abcdef0123456", // 23 hex digits
                "0123456789abcdef0123456g", // 24 characters, one not hex
                "%20123456789abcdef01234567",
                "0123456789abcdef0123456789abcdef");
        Http node = cluster.node(0);
        long before = cluster.todoFinds();
        double cacheGets = cacheGets(node);

        for (String id : malformed) {
            assertThat(node.get("/todo/" + id).status()).as("GET /todo/%s", id).isEqualTo(404);
            assertThat(node.put("/todo/" + id + "/finish").status()).as("PUT /todo/%s/finish", id).isEqualTo(404);
            assertThat(node.patchJson("/todo/" + id, "{\"content\":\"x\"}").status()).as("PATCH /todo/%s", id)
                    .isEqualTo(404);
            assertThat(node.delete("/todo/" + id).status()).as("DELETE /todo/%s", id).isEqualTo(404);
        }
        List<Integer> statuses = flood(REQUESTS, i -> node.get("/todo/" + malformed.get(i % malformed.size()))
                .status());

        assertThat(statuses).containsOnly(404);
        assertThat(cluster.todoFinds() - before).as("MongoDB finds for malformed ids").isZero();
        assertThat(cacheGets(node)).as("cache lookups for malformed ids").isEqualTo(cacheGets);
    }

    private static double cacheGets(Http node) {
        return CacheCluster.metric(node, "todo_cache_gets_total");
    }

    /** {@code count} requests from a pool of client threads, as fast as the service answers them. */
    private static List<Integer> flood(int count, IntFunction<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> request.apply(index)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
