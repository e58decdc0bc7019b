package todoservice.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a read that missed L1 does: a fresh copy in the shared tier answers; a stale one answers while another node
 * holds the lease to rebuild it, or while the database is down; on a miss, a node that finds the lease held waits a
 * bounded time for the holder's result. Otherwise the database is read and the shared tier filled.
 */
final class SharedTierOrDatabase {

    /** How often a node waiting for another node's lease looks for the result. */
    private static final Duration LEASE_POLL = Duration.ofMillis(10);

    private final SharedTier shared;
    private final Rebuilds rebuilds;
    private final EarlyRefresh earlyRefresh;
    private final Clock clock;
    private final MonotonicTime time;
    private final Duration leaseWait;
    private final Predicate<RuntimeException> databaseUnavailable;
    private final CacheMetrics metrics;

    SharedTierOrDatabase(SharedTier shared, Rebuilds rebuilds, EarlyRefresh earlyRefresh, Clock clock,
            MonotonicTime time, Duration leaseWait, Predicate<RuntimeException> databaseUnavailable,
            CacheMetrics metrics) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.rebuilds = Objects.requireNonNull(rebuilds, "rebuilds");
        this.earlyRefresh = Objects.requireNonNull(earlyRefresh, "earlyRefresh");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.time = Objects.requireNonNull(time, "time");
        this.leaseWait = Objects.requireNonNull(leaseWait, "leaseWait");
        this.databaseUnavailable = Objects.requireNonNull(databaseUnavailable, "databaseUnavailable");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    CacheEntry read(String key, Supplier<CachedValue> loader) {
        SharedTier.Lookup lookup = shared.get(key);
        Optional<CacheEntry> found = lookup.hit() ? CacheEntry.decode(lookup.bytes()) : Optional.empty();
        if (found.isPresent()) {
            CacheEntry entry = found.get();
            if (entry.isFresh(clock.millis())) {
                metrics.l2Hit();
                earlyRefresh.ifDue(key, entry, loader);
                return entry;
            }
            metrics.l2Stale();
            if (rebuilds.lease(key) == SharedTier.LeaseResult.HELD_ELSEWHERE) {
                return entry;
            }
            return loadOrServeStale(key, loader, entry);
        }
        if (!lookup.available()) {
            metrics.l2Unavailable();
            // Not stored: the shared tier has just said it cannot be reached.
            return rebuilds.load(key, loader, false);
        }
        metrics.l2Miss();
        if (rebuilds.lease(key) == SharedTier.LeaseResult.HELD_ELSEWHERE) {
            Optional<CacheEntry> theirs = awaitOtherNode(key);
            if (theirs.isPresent()) {
                return theirs.get();
            }
        }
        return rebuilds.load(key, loader, true);
    }

    /** Waits, at most the lease wait, for the node holding the lease to store its result. */
    private Optional<CacheEntry> awaitOtherNode(String key) {
        long polls = Math.max(1, leaseWait.toNanos() / LEASE_POLL.toNanos());
        for (long i = 0; i < polls; i++) {
            time.sleepUntil(time.nanos() + LEASE_POLL.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                // Stop waiting (the flag stays set for the caller): load now rather than keep polling.
                return Optional.empty();
            }
            SharedTier.Lookup lookup = shared.get(key);
            if (lookup.hit()) {
                Optional<CacheEntry> entry = CacheEntry.decode(lookup.bytes());
                if (entry.isPresent()) {
                    metrics.l2Hit();
                    return entry;
                }
            }
            if (!lookup.available()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private CacheEntry loadOrServeStale(String key, Supplier<CachedValue> loader, CacheEntry stale) {
        try {
            return rebuilds.load(key, loader, true);
        } catch (RuntimeException e) {
            if (!databaseUnavailable.test(e)) {
                throw e;
            }
            metrics.staleServedOnError();
            return stale;
        }
    }
}
