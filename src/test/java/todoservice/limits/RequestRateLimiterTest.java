package todoservice.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import todoservice.testing.MutableClock;

class RequestRateLimiterTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** The counters two nodes share, as Redis keeps them; {@code down} makes every call fail. */
    private static final class FakeRedisCounts implements SharedCounts {
        final Map<String, Long> counters = new HashMap<>();
        final AtomicBoolean down = new AtomicBoolean();

        @Override
        public synchronized List<Long> add(List<Addition> additions, Duration keepFor) {
            if (down.get()) {
                throw new IllegalStateException("Redis is down");
            }
            return additions.stream().map(addition -> counters.merge(addition.key(), addition.by(), Long::sum))
                    .toList();
        }
    }

    private final MutableClock clock = new MutableClock();
    private final FakeRedisCounts redis = new FakeRedisCounts();

    private RequestRateLimiter node(int limit) {
        return new RequestRateLimiter(limit, WINDOW, Optional.of(redis), clock, () -> clock.millis() * 1_000_000,
                new SimpleMeterRegistry());
    }

    @Test
    void anAccountPastItsLimitIsRefusedAndToldWhenToRetry() {
        RequestRateLimiter limiter = node(3);
        List<RequestRateLimiter.Decision> decisions = List.of(limiter.acquire("ada"), limiter.acquire("ada"),
                limiter.acquire("ada"), limiter.acquire("ada"));
        assertThat(decisions).extracting(RequestRateLimiter.Decision::allowed).containsExactly(true, true, true, false);
        assertThat(decisions).extracting(RequestRateLimiter.Decision::remaining).containsExactly(2L, 1L, 0L, 0L);
        long reset = decisions.get(3).resetSeconds();
        assertThat(reset).isBetween(1L, WINDOW.toSeconds());
        clock.advance(Duration.ofSeconds(reset));
        assertThat(limiter.acquire("ada").allowed()).as("a new window after the reset").isTrue();
    }

    @Test
    void oneAccountsRequestsDoNotCountAgainstAnother() {
        RequestRateLimiter limiter = node(2);
        limiter.acquire("ada");
        limiter.acquire("ada");
        assertThat(limiter.acquire("ada").allowed()).isFalse();
        assertThat(limiter.acquire("bob").allowed()).isTrue();
    }

    @Test
    void twoNodesShareOneLimitOnceTheySync() {
        RequestRateLimiter first = node(10);
        RequestRateLimiter second = node(10);
        for (int i = 0; i < 6; i++) {
            assertThat(first.acquire("ada").allowed()).isTrue();
        }
        for (int i = 0; i < 4; i++) {
            assertThat(second.acquire("ada").allowed()).isTrue();
        }
        first.sync();
        second.sync();
        assertThat(second.acquire("ada").allowed()).as("the second node knows both nodes' requests").isFalse();
        // The first node learns the total at its next sync: one more request there, then refused.
        assertThat(first.acquire("ada").allowed()).isTrue();
        first.sync();
        assertThat(first.acquire("ada").allowed()).isFalse();
    }

    @Test
    void withRedisDownEachNodeCountsAloneAndSendsItsCountsWhenRedisIsBack() {
        RequestRateLimiter first = node(10);
        RequestRateLimiter second = node(10);
        redis.down.set(true);
        for (int i = 0; i < 7; i++) {
            assertThat(first.acquire("ada").allowed()).isTrue();
        }
        first.sync();
        for (int i = 0; i < 3; i++) {
            assertThat(first.acquire("ada").allowed()).as("counted on this node alone").isTrue();
        }
        assertThat(first.acquire("ada").allowed()).isFalse();
        redis.down.set(false);
        first.sync();
        second.acquire("ada");
        second.sync();
        assertThat(second.acquire("ada").allowed()).as("the first node's counts reached Redis").isFalse();
    }

    @Test
    void accountsStartTheirWindowsAtDifferentMoments() {
        RequestRateLimiter limiter = node(100);
        long resets = IntStream.range(0, 50)
                .mapToLong(i -> limiter.acquire("account-" + i).resetSeconds()).distinct().count();
        assertThat(resets).as("not every window ends in the same second").isGreaterThan(10);
    }
}
