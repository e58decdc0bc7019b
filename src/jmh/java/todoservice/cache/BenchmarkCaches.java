package todoservice.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import todoservice.config.CacheMode;
import todoservice.config.CacheSettings;
import todoservice.mongo.MongoErrors;
import todoservice.ops.DaemonThreads;
import todoservice.redis.CircuitBreaker;
import todoservice.todo.TodoReadCache;

/**
 * Caches wired as {@code Backend} wires them (Prometheus registry, thread-local random, the system clock), with
 * the service's default settings except the TTLs: an hour for L1 and for a fresh L2 entry, so that every read a
 * benchmark makes is the hit it means to measure, never an expiry or an early refresh; and no generation reuse, so
 * that every read pays the generation lookup (with reuse, a hit on a hot owner is the in-JVM hit).
 */
public final class BenchmarkCaches {

    /** The breaker probes' thread, one for the fork: a daemon, so it ends with the benchmark's JVM. */
    private static final ScheduledExecutorService PROBER =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-redis-probe"));

    private BenchmarkCaches() {
    }

    public static CacheSettings settings(CacheMode mode, Optional<URI> redisUri) {
        return new CacheSettings(mode, redisUri, Duration.ofMillis(250), 64, Duration.ofSeconds(1), 64L << 20,
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(2), Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ZERO, 0.1);
    }

    public static MeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public static TwoTierCache cache(CacheMode mode, SharedTier shared, Executor refresher, MeterRegistry registry) {
        return new TwoTierCache(TodoReadCache.NAMES, settings(mode, Optional.empty()), shared, Clock.systemUTC(),
                MonotonicTime.SYSTEM, () -> ThreadLocalRandom.current().nextDouble(), refresher, Runnable::run,
                MongoErrors::isUnavailable, registry);
    }

    /** How many database loads {@code registry}'s caches made: a benchmark of hits must see it stand still. */
    public static long loads(MeterRegistry registry) {
        return registry.find(TodoReadCache.NAMES.meter("loads")).timers().stream().mapToLong(Timer::count).sum();
    }

    /** A shared tier in this JVM's memory (the tests' fake, always available): the same answers, no network. */
    public static SharedTier inJvmSharedTier() {
        return new FakeSharedTier();
    }

    /** The service's Redis tier on {@code uri}, with its default timeouts, pool and breaker. */
    public static RedisTier redis(URI uri) {
        CacheSettings settings = settings(CacheMode.L1_L2, Optional.of(uri));
        return new RedisTier(settings, new CircuitBreaker(Clock.systemUTC(), settings.redisBreakerOpen()), PROBER);
    }
}
