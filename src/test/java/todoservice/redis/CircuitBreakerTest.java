package todoservice.redis;

import todoservice.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock();
    private final CircuitBreaker breaker = new CircuitBreaker(clock, Duration.ofSeconds(1));

    @Test
    void aFewConsecutiveFailuresStopCallsUntilTheOpenPeriodEnds() {
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            assertThat(breaker.allowRequest()).isTrue();
            breaker.recordFailure();
        }

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.allowRequest()).isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.allowRequest()).isFalse();
    }

    @Test
    void aSuccessBetweenFailuresKeepsItClosed() {
        breaker.recordFailure();
        breaker.recordFailure();
        breaker.recordSuccess();
        breaker.recordFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterTheOpenPeriodOneProbeGoesOutAndItsSuccessClosesIt() {
        open();
        clock.advance(Duration.ofSeconds(1));

        assertThat(breaker.allowRequest()).as("the probe").isTrue();
        assertThat(breaker.allowRequest()).as("only one probe at a time").isFalse();
        breaker.recordSuccess();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allowRequest()).isTrue();
    }

    @Test
    void aFailedProbeOpensItAgainForAnotherPeriod() {
        open();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.allowRequest()).isTrue();

        breaker.recordFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.allowRequest()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.allowRequest()).isTrue();
    }

    private void open() {
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            breaker.recordFailure();
        }
    }
}
