package todoservice.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The cache's meters on {@code /metrics}: gets by tier and result, loads, leases, invalidations, and where the
 * generations of cached reads came from.
 */
final class CacheMetrics {

    private final Counter l1Hit;
    private final Counter l1Miss;
    private final Counter l2Hit;
    private final Counter l2Miss;
    private final Counter l2Stale;
    private final Counter l2Unavailable;
    private final Counter staleServedOnError;
    private final Counter leaseAcquired;
    private final Counter leaseContended;
    private final Counter earlyRefreshes;
    private final Counter invalidationsSent;
    private final Counter invalidationsReceived;
    private final Counter generationsAsked;
    private final Counter generationsReused;
    private final Counter generationRenewals;
    private final Timer loads;

    CacheMetrics(MeterRegistry registry, CacheNames names) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(names, "names");
        l1Hit = gets(registry, names, "l1", "hit");
        l1Miss = gets(registry, names, "l1", "miss");
        l2Hit = gets(registry, names, "l2", "hit");
        l2Miss = gets(registry, names, "l2", "miss");
        l2Stale = gets(registry, names, "l2", "stale");
        l2Unavailable = gets(registry, names, "l2", "unavailable");
        staleServedOnError = gets(registry, names, "l2", "stale_on_error");
        leaseAcquired = Counter.builder(names.meter("leases")).tag("result", "acquired").register(registry);
        leaseContended = Counter.builder(names.meter("leases")).tag("result", "contended").register(registry);
        earlyRefreshes = Counter.builder(names.meter("early.refreshes"))
                .description("Refreshes started before expiry by XFetch").register(registry);
        invalidationsSent = Counter.builder(names.meter("invalidations")).tag("direction", "sent")
                .register(registry);
        invalidationsReceived = Counter.builder(names.meter("invalidations")).tag("direction", "received")
                .register(registry);
        generationsAsked = generationReads(registry, names, "redis");
        generationsReused = generationReads(registry, names, "reused");
        generationRenewals = Counter.builder(names.meter("generation.renewals"))
                .description("Reads of an owner's generation sent in the background before its reuse ran out")
                .register(registry);
        loads = Timer.builder(names.meter("loads")).description("Database loads made to fill the cache")
                .register(registry);
    }

    private static Counter gets(MeterRegistry registry, CacheNames names, String tier, String result) {
        return Counter.builder(names.meter("gets")).tag("tier", tier).tag("result", result).register(registry);
    }

    private static Counter generationReads(MeterRegistry registry, CacheNames names, String source) {
        return Counter.builder(names.meter("generation.reads")).tag("source", source)
                .description("Cached reads by where their owner's generation came from").register(registry);
    }

    void generationRead(boolean reused) {
        (reused ? generationsReused : generationsAsked).increment();
    }

    void generationRenewal() {
        generationRenewals.increment();
    }

    void l1(boolean hit) {
        (hit ? l1Hit : l1Miss).increment();
    }

    void l2Hit() {
        l2Hit.increment();
    }

    void l2Miss() {
        l2Miss.increment();
    }

    void l2Stale() {
        l2Stale.increment();
    }

    void l2Unavailable() {
        l2Unavailable.increment();
    }

    void staleServedOnError() {
        staleServedOnError.increment();
    }

    void lease(boolean acquired) {
        (acquired ? leaseAcquired : leaseContended).increment();
    }

    void earlyRefresh() {
        earlyRefreshes.increment();
    }

    void invalidationSent() {
        invalidationsSent.increment();
    }

    void invalidationReceived() {
        invalidationsReceived.increment();
    }

    void load(long nanos) {
        loads.record(nanos, TimeUnit.NANOSECONDS);
    }
}
