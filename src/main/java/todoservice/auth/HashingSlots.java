package todoservice.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most {@code concurrency} password hashes at once on this node. Argon2 is CPU and memory by design: without a
 * bound, a flood of logins would hold every request thread in hashing and {@code concurrency × memory} of heap
 * would have no ceiling. A caller beyond the bound waits up to {@code wait} for a slot, in arrival order, then is
 * refused with {@link HashingBusyException}.
 */
public final class HashingSlots {

    private final Semaphore slots;
    private final long waitNanos;
    private final Duration retryAfter;
    private final Counter refused;

    public HashingSlots(int concurrency, Duration wait, MeterRegistry registry) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative: " + wait);
        }
        Objects.requireNonNull(registry, "registry");
        this.slots = new Semaphore(concurrency, true);
        this.waitNanos = wait.toNanos();
        this.retryAfter = retryAfter(wait);
        this.refused = Counter.builder("todo.auth.password.refused")
                .description("Password hashes refused because every slot stayed busy for AUTH_HASH_WAIT")
                .register(registry);
        Gauge.builder("todo.auth.password.waiting", slots, Semaphore::getQueueLength)
                .description("Callers waiting for a password-hashing slot").register(registry);
    }

    /** A refused caller found every slot busy for the whole wait: coming back sooner would likely fail again. */
    static Duration retryAfter(Duration wait) {
        return Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /** Runs {@code hashing} in a slot, waiting for one if needed; throws {@link HashingBusyException} if none frees. */
    <T> T run(Supplier<T> hashing) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Undeploy interrupts the wait: give up as if it had run out.
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            refused.increment();
            throw new HashingBusyException(retryAfter);
        }
        try {
            return hashing.get();
        } finally {
            slots.release();
        }
    }
}
