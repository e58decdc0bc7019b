package todoservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import todoservice.config.CacheMode;
import todoservice.config.CacheSettings;
import todoservice.dev.EmbeddedRedis;
import todoservice.it.Poll;
import todoservice.mongo.MongoErrors;
import todoservice.redis.CircuitBreaker;

/** The shared tier against a real redis-server process: commands, the breaker, recovery. */
class RedisTierIT {

    private static final CacheNames NAMES = new CacheNames("notes:v2:", "notes.cache", "notes.l1");

    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
    private EmbeddedRedis redis;
    private RedisTier tier;

    @BeforeEach
    void start() {
        redis = EmbeddedRedis.start(0);
        tier = new RedisTier(settings(), new CircuitBreaker(Clock.systemUTC(), Duration.ofMillis(200)), prober);
    }

    @AfterEach
    void stop() {
        tier.close();
        prober.shutdownNow();
        redis.close();
    }

    private CacheSettings settings() {
        return new CacheSettings(CacheMode.L1_L2, Optional.of(URI.create(redis.uri())), Duration.ofMillis(250), 8,
                Duration.ofMillis(200), 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(5), 0.1);
    }

    @Test
    void aCounterStartsFromItsInitialValueAndBumpsFromThere() {
        assertThat(tier.counters(List.of("e", "g"), 5_000).orElseThrow()).containsExactly(5_000, 5_000);
        assertThat(tier.counters(List.of("g"), 9_000).orElseThrow()).as("created once").containsExactly(5_000);
        assertThat(tier.bumpCounter("g", 9_000).getAsLong()).isEqualTo(5_001);
        assertThat(tier.counters(List.of("e", "g"), 9_000).orElseThrow()).containsExactly(5_000, 5_001);
        assertThat(tier.bumpCounter("lost", 7_000).getAsLong()).as("a lost counter never restarts at 1")
                .isEqualTo(7_001);
    }

    @Test
    void onlyOneNodeGetsALease() {
        assertThat(tier.tryLease("k:lease", 2_000)).isEqualTo(SharedTier.LeaseResult.ACQUIRED);
        assertThat(tier.tryLease("k:lease", 2_000)).isEqualTo(SharedTier.LeaseResult.HELD_ELSEWHERE);
    }

    @Test
    void valuesExpireWithTheirTtl() {
        tier.set("short", "x".getBytes(StandardCharsets.UTF_8), 50);
        assertThat(tier.get("short").hit()).isTrue();

        assertThat(Poll.until(() -> !tier.get("short").hit())).isTrue();
    }

    @Test
    void aDeadRedisIsSkippedAfterAFewFailuresAndUsedAgainWhenItReturns() {
        AtomicInteger reconnects = new AtomicInteger();
        tier.onReconnect(reconnects::incrementAndGet);
        tier.set("k", "v".getBytes(StandardCharsets.UTF_8), 60_000);

        redis.stop();
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            assertThat(tier.get("k").available()).isFalse();
        }
        assertThat(tier.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        long started = System.nanoTime();
        assertThat(tier.get("k").available()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("an open breaker answers without going to the network").isLessThan(Duration.ofMillis(100));

        redis.start();
        assertThat(Poll.until(() -> tier.breakerState() == CircuitBreaker.State.CLOSED))
                .as("the background probe closes the breaker without any request").isTrue();
        assertThat(reconnects).hasValue(1);
        assertThat(tier.get("k").available()).isTrue();
    }

    @Test
    void twoOwnersNeverShareAnEntryInRedis() {
        TwoTierCache nodeA = new TwoTierCache(NAMES, settings(), tier, Clock.systemUTC(), MonotonicTime.SYSTEM,
                () -> 0.5, Runnable::run, Runnable::run, MongoErrors::isUnavailable, new SimpleMeterRegistry());
        TwoTierCache nodeB = new TwoTierCache(NAMES, settings().withMode(CacheMode.L2), tier, Clock.systemUTC(),
                MonotonicTime.SYSTEM, () -> 0.5, Runnable::run, Runnable::run, MongoErrors::isUnavailable,
                new SimpleMeterRegistry());

        nodeA.get("alice", "page:a:10", () -> CachedValue.of("alice's page".getBytes(StandardCharsets.UTF_8), 0));
        CachedValue bobs = nodeB.get("bob", "page:a:10",
                () -> CachedValue.of("bob's page".getBytes(StandardCharsets.UTF_8), 0));
        CachedValue alicesOnB = nodeB.get("alice", "page:a:10", () -> {
            throw new AssertionError("alice's page is in Redis already");
        });

        assertThat(new String(bobs.body(), StandardCharsets.UTF_8)).isEqualTo("bob's page");
        assertThat(new String(alicesOnB.body(), StandardCharsets.UTF_8)).isEqualTo("alice's page");
    }
}
