package todoservice.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import todoservice.config.CacheSettings;

/**
 * Reads through a local Caffeine L1 and the shared L2 to the database:
 * <ul>
 * <li>one load per key per node at a time ({@link SingleFlight}), and one per cluster while a Redis lease is held:
 * the other nodes serve the stale copy or wait a bounded time for the holder's result, then load themselves
 * ({@link SharedTierOrDatabase});</li>
 * <li>hot entries are refreshed before they expire ({@link EarlyRefresh}), TTLs are jittered, missing things are
 * cached as absent for a short time ({@link Rebuilds});</li>
 * <li>keys carry the owner's generation ({@link Generations}), which every write bumps ({@link Invalidations}), so
 * nothing a write replaced is served again, not even as a stale copy;</li>
 * <li>when the database is down a stale L2 copy is served; when the shared tier is down, L1 and the database
 * carry on.</li>
 * </ul>
 * What is cached is the caller's business: it names the cache ({@link CacheNames}) and each value ({@code owner}
 * and a logical key).
 */
public final class TwoTierCache {

    private final CacheSettings settings;
    private final CacheKeys keys;
    private final Generations generations;
    private final LocalTier l1;
    private final SingleFlight<CacheEntry> singleFlight = new SingleFlight<>();
    private final EarlyRefresh earlyRefresh;
    private final SharedTierOrDatabase sharedTierOrDatabase;
    private final Invalidations invalidations;

    /**
     * @param time elapsed time for the generation reuse, L1's expiry, the lease wait and load timings
     * @param refresher runs early refreshes
     * @param generationRenewals renews a hot owner's generation in the background; best a thread of its own, so a
     *     renewal does not queue behind a refresh's database load
     */
    public TwoTierCache(CacheNames names, CacheSettings settings, SharedTier shared, Clock clock,
            MonotonicTime time, DoubleSupplier random, Executor refresher, Executor generationRenewals,
            Predicate<RuntimeException> databaseUnavailable, MeterRegistry registry) {
        this.keys = new CacheKeys(names);
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(shared, "shared");
        CacheMetrics metrics = new CacheMetrics(registry, names);
        Jitter jitter = new Jitter(settings.ttlJitter(), Objects.requireNonNull(random, "random"));
        this.generations = new Generations(shared, keys, clock, time, settings.generationReuse().toNanos(), metrics,
                generationRenewals);
        this.l1 = settings.mode().usesL1()
                ? LocalTier.caffeine(settings.l1MaxBytes(), settings.l1Ttl(), jitter, time, names.l1Name(), registry,
                        metrics)
                : LocalTier.none();
        Rebuilds rebuilds = new Rebuilds(settings, shared, clock, time, jitter, metrics);
        this.earlyRefresh = new EarlyRefresh(rebuilds, l1, clock, random, refresher, metrics);
        this.sharedTierOrDatabase = new SharedTierOrDatabase(shared, rebuilds, earlyRefresh, clock, time,
                settings.leaseWait(), databaseUnavailable, metrics);
        this.invalidations = new Invalidations(generations, shared, keys, l1, time, metrics);
        shared.onReconnect(this::afterOutage);
    }

    /**
     * The value of {@code what} for {@code owner}, from the nearest tier that has it, else from {@code loader}
     * (which reads the database). Exceptions of the loader reach the caller unless a stale copy can answer.
     */
    public CachedValue get(String owner, String what, Supplier<CachedValue> loader) {
        if (!settings.mode().usesL2()) {
            return loader.get();
        }
        if (generations.hasBumpsToReplay()) {
            replayInvalidations();
        }
        String key = keys.data(owner, generations.current(owner), what);
        CacheEntry local = l1.get(key);
        if (local != null) {
            earlyRefresh.ifDue(key, local, loader);
            return local.value();
        }
        return singleFlight.run(key, () -> {
            CacheEntry entry = sharedTierOrDatabase.read(key, loader);
            l1.put(key, entry);
            return entry;
        }).value();
    }

    /**
     * After a write, before it is acknowledged: bumps the owner's generation, announces it over pub/sub, and
     * returns once no node reuses an older generation ({@code CACHE_GENERATION_REUSE}), so every node's next read
     * uses new keys. Entries under older generations are never read again; they leave L1 by TTL or weight and
     * Redis by TTL. Returns the generation announced to every node (its pub/sub message comes back here too), empty
     * when nothing was announced (no shared tier, or it could not be reached).
     */
    public OptionalLong ownerChanged(String owner) {
        if (settings.mode().usesL2()) {
            return invalidations.ownerChanged(owner);
        }
        return OptionalLong.empty();
    }

    /**
     * A write announced over pub/sub as "owner generation" (another node's, or this node's own coming back);
     * returns it, empty when the message is malformed.
     */
    public Optional<Invalidation> invalidationReceived(String message) {
        return invalidations.received(message);
    }

    /**
     * Replays the invalidations that failed while the shared tier could not be reached, and announces them. Runs
     * before reads and on a timer, so other nodes learn of this node's writes soon after a short Redis hiccup
     * even when this node gets no traffic.
     */
    public void replayInvalidations() {
        invalidations.replay();
    }

    /**
     * When the shared tier answers again after an outage: the epoch is bumped (retiring every L2 entry, which
     * writes made meanwhile could not invalidate), failed invalidations are replayed and L1 is flushed.
     */
    public void afterOutage() {
        invalidations.afterOutage();
    }
}
