package todoservice.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One node's own failure counts, for when Redis cannot be asked. Bounded: an attacker spraying fresh keys evicts
 * the rarest ones first (Caffeine's frequency-aware eviction), never grows the heap.
 */
final class LocalAttempts {

    static final int MAX_KEYS = 10_000;

    private record Window(int failures, long resetsAtMillis) {
    }

    private final AttemptLimit limit;
    private final Clock clock;
    private final Cache<String, Window> windows;

    LocalAttempts(AttemptLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        // Every write is within its window, so the entry outlives the window it holds.
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterWrite(limit.window())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    Optional<Duration> blockedFor(String key) {
        Window window = windows.getIfPresent(key);
        long now = clock.millis();
        if (window == null || window.failures() < limit.maxFailures() || now >= window.resetsAtMillis()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(window.resetsAtMillis() - now));
    }

    /** Counts a failure; returns the failures in the key's window, this one included. */
    long failed(String key) {
        long now = clock.millis();
        return windows.asMap().compute(key, (k, window) -> window == null || now >= window.resetsAtMillis()
                ? new Window(1, now + limit.window().toMillis())
                : new Window(window.failures() + 1, window.resetsAtMillis())).failures();
    }

    void succeeded(String key) {
        windows.invalidate(key);
    }
}
