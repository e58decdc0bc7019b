package todoservice.todo;

import todoservice.cache.BenchmarkCaches;
import todoservice.cache.SharedTier;

/** Cache hits with the shared tier in this JVM's memory: the cost of the cache's own code (target: under 5 µs). */
public class InJvmCacheHitBenchmark extends CacheHitBenchmark {

    @Override
    protected SharedTier openSharedTier() {
        return BenchmarkCaches.inJvmSharedTier();
    }
}
