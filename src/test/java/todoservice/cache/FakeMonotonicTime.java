package todoservice.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Monotonic time the test moves by hand; a sleep moves it to the deadline at once. */
final class FakeMonotonicTime implements MonotonicTime {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        nanos.accumulateAndGet(deadlineNanos, Math::max);
    }
}
