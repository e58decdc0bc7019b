package todoservice.cache;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import todoservice.config.CacheSettings;

/**
 * Rebuilding one entry from the database: the Redis lease that lets one node at a time do it, the timed load, and
 * the result stored in the shared tier with jittered TTLs. Used by reads that miss and by early refreshes.
 */
final class Rebuilds {

    private final CacheSettings settings;
    private final SharedTier shared;
    private final Clock clock;
    private final MonotonicTime time;
    private final Jitter jitter;
    private final CacheMetrics metrics;

    Rebuilds(CacheSettings settings, SharedTier shared, Clock clock, MonotonicTime time, Jitter jitter,
            CacheMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.time = Objects.requireNonNull(time, "time");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    SharedTier.LeaseResult lease(String key) {
        SharedTier.LeaseResult result = shared.tryLease(CacheKeys.lease(key), settings.leaseTtl().toMillis());
        if (result != SharedTier.LeaseResult.UNAVAILABLE) {
            metrics.lease(result == SharedTier.LeaseResult.ACQUIRED);
        }
        return result;
    }

    /** Loads the value; when {@code store}, keeps it in the shared tier for other reads and other nodes. */
    CacheEntry load(String key, Supplier<CachedValue> loader, boolean store) {
        long started = time.nanos();
        CachedValue value = loader.get();
        long nanos = time.nanos() - started;
        metrics.load(nanos);
        long freshFor = jitter.millis(value.absent() ? settings.negativeTtl() : settings.l2FreshTtl());
        // How long the load took goes into the entry: XFetch refreshes costly entries earlier.
        CacheEntry entry = new CacheEntry(value, clock.millis() + freshFor,
                (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
        if (store) {
            // An absent marker has no stale period: it only protects the database from a flood of misses.
            long keepFor = value.absent() ? freshFor : jitter.millis(settings.l2StaleTtl());
            shared.set(key, entry.encode(), keepFor);
        }
        return entry;
    }
}
