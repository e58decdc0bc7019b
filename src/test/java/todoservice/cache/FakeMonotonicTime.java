package todoservice.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Monotonic time the test moves by hand; a sleep moves it to the deadline at once. */
final class FakeMonotonicTime implements MonotonicTime {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicReference<Runnable> duringNextSleep = new AtomicReference<>();

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Runs {@code action} once, in the next sleep, as if it happened elsewhere while the sleeper waited. */
    void duringNextSleep(Runnable action) {
        duringNextSleep.set(action);
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        nanos.accumulateAndGet(deadlineNanos, Math::max);
        Runnable action = duringNextSleep.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }
}
