package todoservice.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Objects;

/**
 * This node's L1, in Caffeine, bounded by weight, each entry kept for a jittered {@code CACHE_L1_TTL}; or nothing
 * at all in {@code CACHE_MODE=l2}, where every method does nothing, so callers need not ask which.
 */
final class LocalTier {

    private final Cache<String, CacheEntry> cache;
    private final CacheMetrics metrics;

    private LocalTier(Cache<String, CacheEntry> cache, CacheMetrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    static LocalTier none() {
        return new LocalTier(null, null);
    }

    /** Caffeine's own meters are registered as {@code cache="name"}. */
    static LocalTier caffeine(long maxBytes, Duration ttl, Jitter jitter, MonotonicTime time, String name,
            MeterRegistry registry, CacheMetrics metrics) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(jitter, "jitter");
        Cache<String, CacheEntry> cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, CacheEntry entry) -> entry.weight() + 2 * key.length())
                .expireAfter(Expiry.creating((String key, CacheEntry entry) -> Duration.ofMillis(jitter.millis(ttl))))
                .ticker(Objects.requireNonNull(time, "time")::nanos)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, Objects.requireNonNull(name, "name"));
        return new LocalTier(cache, Objects.requireNonNull(metrics, "metrics"));
    }

    /** The entry, or null on a miss (counted) or when there is no L1 (not counted). */
    CacheEntry get(String key) {
        if (cache == null) {
            return null;
        }
        CacheEntry entry = cache.getIfPresent(key);
        metrics.l1(entry != null);
        return entry;
    }

    void put(String key, CacheEntry entry) {
        if (cache != null) {
            cache.put(key, entry);
        }
    }

    void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
