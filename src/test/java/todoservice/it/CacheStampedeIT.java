package todoservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Avalanche and stampede (issue 3, test 1): when the hot key — the owner's first page — has expired and 200 requests
 * for it arrive at once, MongoDB is asked once per cluster, not once per request; the same 200 requests with the
 * cache off ask it at least 100 times.
 */
class CacheStampedeIT {

    private static final int REQUESTS = 200;
    private static final int TODOS = 30;

    /**
     * L1 entries live 200 ms, without jitter, so a test can wait them out. The lease wait is raised from 500 ms to
     * 10 s so that a first load slowed down by a busy machine never sends the other node to the database: the test
     * is about how many loads there are, not how fast.
     */
    private static final Map<String, String> SHORT_L1 = Map.of(
            "CACHE_L1_TTL", "200ms",
            "CACHE_TTL_JITTER", "0",
            "CACHE_LEASE_WAIT", "10s");

    /**
     * As {@link #SHORT_L1}, and L2 copies are fresh for 2 s and then kept as stale copies for an hour; the lease,
     * which stays held after a load until it expires, lasts 1 s. Waiting 4 s (twice the fresh period) leaves the hot
     * page with only a stale copy in L2 and no lease held.
     */
    private static final Map<String, String> SHORT_FRESH_PERIOD = Map.of(
            "CACHE_L1_TTL", "200ms",
            "CACHE_L2_FRESH_TTL", "2s",
            "CACHE_L2_STALE_TTL", "1h",
            "CACHE_LEASE_TTL", "1s",
            "CACHE_LEASE_WAIT", "10s",
            "CACHE_TTL_JITTER", "0");
    private static final long PAST_FRESH_PERIOD_MILLIS = 2 * 2_000;

    @Test
    void twoHundredReadersOfAnExpiredFirstPageCostOneDatabaseQuery() {
        try (CacheCluster cluster = CacheCluster.start(1, SHORT_L1)) {
            Http node = cluster.node(0);
            String expected = warmFirstPage(cluster);
            expireEverywhere(cluster);

            long before = cluster.todoFinds();
            List<Http.Reply> replies = Http.atOnce(REQUESTS, i -> node.get("/todo"));
            long finds = cluster.todoFinds() - before;

            assertAllServed(replies, expected);
            assertThat(finds).as("MongoDB finds for %d concurrent reads of an expired page", REQUESTS).isEqualTo(1);
        }
    }

    @Test
    void withTheCacheOffTheSameTwoHundredReadersHitTheDatabaseAtLeastAHundredTimes() {
        try (CacheCluster cluster = CacheCluster.start(1, Map.of("CACHE_MODE", "off"))) {
            Http node = cluster.node(0);
            String expected = warmFirstPage(cluster);

            long before = cluster.todoFinds();
            List<Http.Reply> replies = Http.atOnce(REQUESTS, i -> node.get("/todo"));
            long finds = cluster.todoFinds() - before;

            assertAllServed(replies, expected);
            assertThat(finds).as("MongoDB finds for %d concurrent reads without a cache", REQUESTS)
                    .isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void twoNodesSharingRedisRebuildAnExpiredFirstPageWithOneQueryBetweenThem() {
        try (CacheCluster cluster = CacheCluster.start(2, SHORT_L1)) {
            String expected = warmFirstPage(cluster);
            expireEverywhere(cluster);

            long before = cluster.todoFinds();
            List<Http.Reply> replies = Http.atOnce(REQUESTS, i -> cluster.node(i % 2).get("/todo"));
            long finds = cluster.todoFinds() - before;

            assertAllServed(replies, expected);
            assertThat(finds).as("MongoDB finds of both nodes for %d concurrent reads of an expired page", REQUESTS)
                    .isEqualTo(1);
        }
    }

    @Test
    void twoHundredReadersOfAFirstPageWithOnlyAStaleCopyLeftCostOneDatabaseQuery() {
        try (CacheCluster cluster = CacheCluster.start(1, SHORT_FRESH_PERIOD)) {
            Http node = cluster.node(0);
            String expected = warmFirstPage(cluster);
            CacheCluster.sleep(PAST_FRESH_PERIOD_MILLIS);

            long before = cluster.todoFinds();
            double l2Misses = CacheCluster.cacheGets(node, "l2", "miss");
            List<Http.Reply> replies = Http.atOnce(REQUESTS, i -> node.get("/todo"));
            long finds = cluster.todoFinds() - before;

            assertAllServed(replies, expected);
            assertThat(CacheCluster.cacheGets(node, "l2", "miss")).as("L2 misses: the stale copy was there")
                    .isEqualTo(l2Misses);
            assertThat(finds).as("MongoDB finds for %d concurrent reads of a stale page", REQUESTS).isEqualTo(1);
        }
    }

    @Test
    void twoNodesSharingRedisRebuildAFirstPageWithOnlyAStaleCopyLeftWithOneQueryBetweenThem() {
        try (CacheCluster cluster = CacheCluster.start(2, SHORT_FRESH_PERIOD)) {
            String expected = warmFirstPage(cluster);
            CacheCluster.sleep(PAST_FRESH_PERIOD_MILLIS);

            long before = cluster.todoFinds();
            double l2Misses = l2Misses(cluster);
            List<Http.Reply> replies = Http.atOnce(REQUESTS, i -> cluster.node(i % 2).get("/todo"));
            long finds = cluster.todoFinds() - before;

            // The node that does not rebuild serves the stale copy (the same body: nothing was written).
            assertAllServed(replies, expected);
            assertThat(l2Misses(cluster)).as("L2 misses: the stale copy was there").isEqualTo(l2Misses);
            assertThat(finds).as("MongoDB finds of both nodes for %d concurrent reads of a stale page", REQUESTS)
                    .isEqualTo(1);
        }
    }

    private static double l2Misses(CacheCluster cluster) {
        return CacheCluster.cacheGets(cluster.node(0), "l2", "miss") + CacheCluster.cacheGets(cluster.node(1), "l2",
                "miss");
    }

    /**
     * Creates the todos through the first node and reads the first page on every node, first once and then with as
     * many concurrent requests as the test will send: that opens the client's connections and starts the servers'
     * request threads, so the measured burst is not spread out by their creation. Returns the page's body.
     */
    private static String warmFirstPage(CacheCluster cluster) {
        for (int i = 0; i < TODOS; i++) {
            CacheCluster.create(cluster.node(0), "hot " + i);
        }
        String body = cluster.node(0).get("/todo").body();
        assertAllServed(Http.atOnce(REQUESTS, i -> cluster.node(i % cluster.size()).get("/todo")), body);
        return body;
    }

    /**
     * No copy left anywhere, as when the hot key has expired in both tiers: Redis is emptied and the L1 copies are
     * waited out (5 × the 200 ms L1 TTL).
     */
    private static void expireEverywhere(CacheCluster cluster) {
        cluster.flushRedis();
        CacheCluster.sleep(5 * 200);
    }

    private static void assertAllServed(List<Http.Reply> replies, String expected) {
        assertThat(replies).hasSize(REQUESTS).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(expected);
        });
    }
}
