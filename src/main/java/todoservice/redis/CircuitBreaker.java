package todoservice.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops calling Redis after a few consecutive failures, so a dead or hanging Redis costs requests nothing but a
 * flag check. After {@code openFor} one probe is let through (half-open); its success closes the breaker. The cache
 * and the job queue each have their own, on their own Redis connections.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    public static final int FAILURES_TO_OPEN = 3;

    private final Clock clock;
    private final long openForMillis;
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong();

    public CircuitBreaker(Clock clock, Duration openFor) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.openForMillis = openFor.toMillis();
    }

    /** Whether a call may go to Redis now; in the half-open state only the caller that wins the probe may. */
    public boolean allowRequest() {
        State current = state.get();
        if (current == State.CLOSED) {
            return true;
        }
        if (current == State.OPEN && clock.millis() - openedAt.get() >= openForMillis) {
            return state.compareAndSet(State.OPEN, State.HALF_OPEN);
        }
        return false;
    }

    public void recordSuccess() {
        consecutiveFailures.set(0);
        state.set(State.CLOSED);
    }

    public void recordFailure() {
        if (state.get() == State.HALF_OPEN || consecutiveFailures.incrementAndGet() >= FAILURES_TO_OPEN) {
            openedAt.set(clock.millis());
            state.set(State.OPEN);
        }
    }

    public State state() {
        return state.get();
    }
}
