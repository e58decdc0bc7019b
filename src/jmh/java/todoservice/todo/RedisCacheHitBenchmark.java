package todoservice.todo;

import java.net.URI;
import todoservice.cache.BenchmarkCaches;
import todoservice.cache.SharedTier;
import todoservice.dev.EmbeddedRedis;

/**
 * Cache hits with the service's {@code RedisTier} against a real redis-server (6.2, from the embedded-redis
 * artifact) on loopback, started for each fork: every read pays the epoch and generation round trip through Jedis
 * (generation reuse is off here: the cost of a read whose owner was not read within {@code CACHE_GENERATION_REUSE}),
 * an L2 hit a second one for the entry.
 */
public class RedisCacheHitBenchmark extends CacheHitBenchmark {

    private EmbeddedRedis redis;

    @Override
    protected SharedTier openSharedTier() {
        redis = EmbeddedRedis.start(0);
        return BenchmarkCaches.redis(URI.create(redis.uri()));
    }

    @Override
    protected void stopServers() {
        redis.stop();
    }
}
