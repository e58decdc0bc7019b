package todoservice.cache;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Spreads TTLs by up to a fraction, so keys written together do not expire together. */
final class Jitter {

    private final double fraction;
    private final DoubleSupplier random;

    Jitter(double fraction, DoubleSupplier random) {
        this.fraction = fraction;
        this.random = random;
    }

    /** A duration between {@code ttl * (1 - fraction)} and {@code ttl}. */
    long millis(Duration ttl) {
        long base = ttl.toMillis();
        return Math.max(1, base - (long) (base * fraction * random.getAsDouble()));
    }
}
