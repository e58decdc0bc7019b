package todoservice.cache;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XFetch (Vattani et al., VLDB 2015): a hit refreshes its entry before expiry with a probability that grows as
 * expiry nears and with the cost of the load, so a hot key is rebuilt by one reader in the background, not by all
 * of them at expiry.
 */
final class EarlyRefresh {

    private static final Logger log = LoggerFactory.getLogger(EarlyRefresh.class);
    /** XFetch's beta: 1 is the paper's recommended default. */
    private static final double XFETCH_BETA = 1.0;

    private final Rebuilds rebuilds;
    private final LocalTier l1;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Executor refresher;
    private final CacheMetrics metrics;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    EarlyRefresh(Rebuilds rebuilds, LocalTier l1, Clock clock, DoubleSupplier random, Executor refresher,
            CacheMetrics metrics) {
        this.rebuilds = Objects.requireNonNull(rebuilds, "rebuilds");
        this.l1 = Objects.requireNonNull(l1, "l1");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Called on every hit; starts at most one refresh per key at a time, on the refresher. */
    void ifDue(String key, CacheEntry entry, Supplier<CachedValue> loader) {
        double head = Math.max(1, entry.loadMillis()) * XFETCH_BETA * -Math.log(1 - random.getAsDouble());
        if (clock.millis() + head < entry.freshUntilMillis() || !refreshing.add(key)) {
            return;
        }
        metrics.earlyRefresh();
        try {
            refresher.execute(() -> refresh(key, loader));
        } catch (RuntimeException rejected) {
            refreshing.remove(key);
        }
    }

    private void refresh(String key, Supplier<CachedValue> loader) {
        try {
            // Another node holding the lease is rebuilding it already.
            if (rebuilds.lease(key) != SharedTier.LeaseResult.HELD_ELSEWHERE) {
                l1.put(key, rebuilds.load(key, loader, true));
            }
        } catch (RuntimeException e) {
            log.debug("Early refresh of {} failed; the entry is served until it expires", key, e);
        } finally {
            refreshing.remove(key);
        }
    }
}
