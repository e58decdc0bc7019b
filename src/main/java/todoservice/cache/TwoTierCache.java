package todoservice.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.config.CacheSettings;

/**
 * Reads through a local Caffeine L1 and the shared L2 to the database:
 * <ul>
 * <li>one load per key per node at a time (single flight), and one per cluster while a Redis lease is held: the
 * other nodes serve the stale copy or wait a bounded time for the holder's result, then load themselves;</li>
 * <li>hot entries are refreshed before they expire (XFetch), TTLs are jittered, missing things are cached as
 * absent for a short time;</li>
 * <li>keys carry the owner's generation, which every write bumps, so nothing a write replaced is served again,
 * not even as a stale copy;</li>
 * <li>when the database is down a stale L2 copy is served; when the shared tier is down, L1 and the database
 * carry on.</li>
 * </ul>
 */
public final class TwoTierCache {

    private static final Logger log = LoggerFactory.getLogger(TwoTierCache.class);
    /** How often a node waiting for another node's lease looks for the result. */
    private static final Duration LEASE_POLL = Duration.ofMillis(10);
    /** XFetch's beta: 1 is the paper's recommended default. */
    private static final double XFETCH_BETA = 1.0;

    private final CacheSettings settings;
    private final CacheKeys keys;
    private final SharedTier shared;
    private final Clock clock;
    private final MonotonicTime time;
    private final DoubleSupplier random;
    private final Executor refresher;
    private final Predicate<RuntimeException> databaseUnavailable;
    private final CacheMetrics metrics;
    private final Jitter jitter;
    private final Generations generations;
    private final Cache<String, CacheEntry> l1;
    private final ConcurrentHashMap<String, CompletableFuture<CacheEntry>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    public TwoTierCache(CacheNames names, CacheSettings settings, SharedTier shared, Clock clock,
            MonotonicTime time, DoubleSupplier random, Executor refresher, Executor generationRenewals,
            Predicate<RuntimeException> databaseUnavailable, MeterRegistry registry) {
        this.keys = new CacheKeys(names);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.time = Objects.requireNonNull(time, "time");
        this.random = Objects.requireNonNull(random, "random");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.databaseUnavailable = Objects.requireNonNull(databaseUnavailable, "databaseUnavailable");
        this.metrics = new CacheMetrics(registry, names);
        this.jitter = new Jitter(settings.ttlJitter(), random);
        this.generations = new Generations(shared, keys, clock, time, settings.generationReuse().toNanos(), metrics,
                Objects.requireNonNull(generationRenewals, "generationRenewals"));
        this.l1 = settings.mode().usesL1() ? buildL1(registry, names.l1Name()) : null;
        shared.onReconnect(this::afterOutage);
    }

    private Cache<String, CacheEntry> buildL1(MeterRegistry registry, String name) {
        Cache<String, CacheEntry> cache = Caffeine.newBuilder()
                .maximumWeight(settings.l1MaxBytes())
                .weigher((String key, CacheEntry entry) -> entry.weight() + 2 * key.length())
                .expireAfter(Expiry.creating((String key, CacheEntry entry) ->
                        Duration.ofMillis(jitter.millis(settings.l1Ttl()))))
                .ticker(time::nanos)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, name);
        return cache;
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
        if (l1 != null) {
            CacheEntry local = l1.getIfPresent(key);
            metrics.l1(local != null);
            if (local != null) {
                refreshEarlyIfDue(key, local, loader);
                return local.value();
            }
        }
        return singleFlight(key, () -> fromSharedTierOrDatabase(key, loader)).value();
    }

    /**
     * After a write, before it is acknowledged: bumps the owner's generation, announces it over pub/sub, and
     * returns once no node reuses an older generation ({@code CACHE_GENERATION_REUSE}), so every node's next read
     * uses new keys. Entries under older generations are never read again; they leave L1 by TTL or weight and
     * Redis by TTL.
     */
    public void ownerChanged(String owner) {
        if (!settings.mode().usesL2()) {
            return;
        }
        OptionalLong generation = generations.bump(owner);
        if (generation.isPresent()) {
            long bumpAnswered = time.nanos();
            announce(owner, generation.getAsLong());
            generations.outlastReuses(bumpAnswered);
        }
    }

    private void announce(String owner, long generation) {
        shared.publish(keys.invalidationChannel(), owner + " " + generation);
        metrics.invalidationSent();
    }

    /** Another node's write, announced over pub/sub as "owner generation". */
    public void invalidationReceived(String message) {
        int space = message.indexOf(' ');
        if (space > 0) {
            try {
                generations.observe(message.substring(0, space), Long.parseLong(message.substring(space + 1)));
                metrics.invalidationReceived();
            } catch (NumberFormatException e) {
                log.warn("Ignoring a malformed invalidation message");
            }
        }
    }

    /**
     * Replays the invalidations that failed while the shared tier could not be reached, and announces them. Runs
     * before reads and on a timer, so other nodes learn of this node's writes soon after a short Redis hiccup
     * even when this node gets no traffic.
     */
    public void replayInvalidations() {
        generations.replayBumps().forEach(replayed -> announce(replayed.getKey(), replayed.getValue()));
    }

    /**
     * When the shared tier answers again after an outage: the epoch is bumped (retiring every L2 entry, which
     * writes made meanwhile could not invalidate), failed invalidations are replayed and L1 is flushed.
     */
    public void afterOutage() {
        generations.outageEnded();
        replayInvalidations();
        if (l1 != null) {
            l1.invalidateAll();
        }
        log.info("Shared cache tier reachable again: epoch bumped, L1 flushed");
    }

    private CacheEntry singleFlight(String key, Supplier<CacheEntry> work) {
        CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
        CompletableFuture<CacheEntry> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            CacheEntry entry = work.get();
            if (l1 != null) {
                l1.put(key, entry);
            }
            mine.complete(entry);
            return entry;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static CacheEntry join(CompletableFuture<CacheEntry> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private CacheEntry fromSharedTierOrDatabase(String key, Supplier<CachedValue> loader) {
        SharedTier.Lookup lookup = shared.get(key);
        Optional<CacheEntry> found = lookup.hit() ? CacheEntry.decode(lookup.bytes()) : Optional.empty();
        if (found.isPresent()) {
            CacheEntry entry = found.get();
            if (entry.isFresh(clock.millis())) {
                metrics.l2Hit();
                refreshEarlyIfDue(key, entry, loader);
                return entry;
            }
            metrics.l2Stale();
            if (lease(key) == SharedTier.LeaseResult.HELD_ELSEWHERE) {
                return entry;
            }
            return loadOrServeStale(key, loader, entry);
        }
        if (!lookup.available()) {
            metrics.l2Unavailable();
            return load(key, loader, false);
        }
        metrics.l2Miss();
        if (lease(key) == SharedTier.LeaseResult.HELD_ELSEWHERE) {
            Optional<CacheEntry> theirs = awaitOtherNode(key);
            if (theirs.isPresent()) {
                return theirs.get();
            }
        }
        return load(key, loader, true);
    }

    private SharedTier.LeaseResult lease(String key) {
        SharedTier.LeaseResult result = shared.tryLease(CacheKeys.lease(key), settings.leaseTtl().toMillis());
        if (result != SharedTier.LeaseResult.UNAVAILABLE) {
            metrics.lease(result == SharedTier.LeaseResult.ACQUIRED);
        }
        return result;
    }

    /** Waits, at most the lease wait, for the node holding the lease to store its result. */
    private Optional<CacheEntry> awaitOtherNode(String key) {
        long polls = Math.max(1, settings.leaseWait().toNanos() / LEASE_POLL.toNanos());
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
            return load(key, loader, true);
        } catch (RuntimeException e) {
            if (!databaseUnavailable.test(e)) {
                throw e;
            }
            metrics.staleServedOnError();
            return stale;
        }
    }

    private CacheEntry load(String key, Supplier<CachedValue> loader, boolean store) {
        long started = time.nanos();
        CachedValue value = loader.get();
        long nanos = time.nanos() - started;
        metrics.load(nanos);
        long freshFor = jitter.millis(value.absent() ? settings.negativeTtl() : settings.l2FreshTtl());
        CacheEntry entry = new CacheEntry(value, clock.millis() + freshFor,
                (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
        if (store) {
            // An absent marker has no stale period: it only protects the database from a flood of misses.
            long keepFor = value.absent() ? freshFor : jitter.millis(settings.l2StaleTtl());
            shared.set(key, entry.encode(), keepFor);
        }
        return entry;
    }

    /**
     * XFetch (Vattani et al., VLDB 2015): refresh before expiry with a probability that grows as expiry nears and
     * with the cost of the load, so a hot key is rebuilt by one reader in the background, not by all at expiry.
     */
    private void refreshEarlyIfDue(String key, CacheEntry entry, Supplier<CachedValue> loader) {
        double head = Math.max(1, entry.loadMillis()) * XFETCH_BETA * -Math.log(1 - random.getAsDouble());
        if (clock.millis() + head < entry.freshUntilMillis() || !refreshing.add(key)) {
            return;
        }
        metrics.earlyRefresh();
        try {
            refresher.execute(() -> {
                try {
                    if (lease(key) != SharedTier.LeaseResult.HELD_ELSEWHERE) {
                        CacheEntry fresh = load(key, loader, true);
                        if (l1 != null) {
                            l1.put(key, fresh);
                        }
                    }
                } catch (RuntimeException e) {
                    log.debug("Early refresh of {} failed; the entry is served until it expires", key, e);
                } finally {
                    refreshing.remove(key);
                }
            });
        } catch (RuntimeException rejected) {
            refreshing.remove(key);
        }
    }
}
