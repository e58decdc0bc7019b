package todoservice.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests per account per window, counted by all nodes together without a Redis call on a request's path: a
 * node counts what it serves, and {@link #sync} (every {@link #SYNC_EVERY}) adds those counts to each account's
 * shared counter and reads back the total. A node refuses once the last total it read plus what it has served
 * since reaches the limit, so the nodes together can serve more than the limit by at most what they serve in one
 * sync period. Windows are fixed, each account's shifted by its own offset so that not every account's counter
 * resets in the same second. Without the shared counters (no Redis, or Redis failing) each node counts alone.
 */
public final class RequestRateLimiter {

    public static final Duration SYNC_EVERY = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(RequestRateLimiter.class);
    private static final String KEY_PREFIX = "todo:rate:";

    /** The answer to one request: whether it may go on, and what the {@code RateLimit-*} headers say. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds) {
    }

    private final int limit;
    private final long windowMillis;
    private final Optional<SharedCounts> shared;
    private final Clock clock;
    private final Cache<String, Usage> usage;
    private final AtomicBoolean sharedFailing = new AtomicBoolean();
    private final Counter refused;

    /** One account's window on this node. Guarded by itself. */
    private static final class Usage {
        long window = Long.MIN_VALUE;
        /** The shared total last read for {@code window}: every node's requests sent so far, ours included. */
        long sharedTotal;
        /** Served here and not yet sent. */
        long unsent;
        /** Served here and being sent now. */
        long sending;

        long used() {
            return sharedTotal + unsent + sending;
        }
    }

    private record Sending(String account, Usage usage, long window, long by) {
    }

    public RequestRateLimiter(int limit, Duration window, Optional<SharedCounts> shared, Clock clock, Ticker ticker,
            MeterRegistry registry) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.shared = Objects.requireNonNull(shared, "shared");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.usage = Caffeine.newBuilder().ticker(ticker).maximumSize(200_000)
                .expireAfterAccess(window.multipliedBy(2)).build();
        this.refused = Counter.builder("todo.rate.limit.refused").description("Requests refused by the rate limit")
                .register(registry);
        if (shared.isEmpty()) {
            log.info("Rate limit: {} requests per {} per account, counted by each node alone (no Redis)", limit,
                    window);
        }
    }

    /** Counts one request of {@code account}, unless its window's limit is reached. */
    public Decision acquire(String account) {
        long now = clock.millis();
        long offset = offsetOf(account);
        long window = Math.floorDiv(now + offset, windowMillis);
        long resetSeconds = ((window + 1) * windowMillis - offset - now + 999) / 1000;
        Usage current = usage.get(account, any -> new Usage());
        synchronized (current) {
            if (current.window != window) {
                current.window = window;
                current.sharedTotal = 0;
                current.unsent = 0;
                current.sending = 0;
            }
            long used = current.used();
            if (used >= limit) {
                refused.increment();
                return new Decision(false, limit, 0, resetSeconds);
            }
            current.unsent++;
            return new Decision(true, limit, limit - used - 1, resetSeconds);
        }
    }

    /** Sends what this node served since the last call and reads back every such account's total. */
    public void sync() {
        if (shared.isEmpty()) {
            return;
        }
        List<Sending> batch = new ArrayList<>();
        usage.asMap().forEach((account, current) -> {
            synchronized (current) {
                if (current.unsent > 0) {
                    batch.add(new Sending(account, current, current.window, current.unsent));
                    current.sending += current.unsent;
                    current.unsent = 0;
                }
            }
        });
        if (batch.isEmpty()) {
            return;
        }
        List<SharedCounts.Addition> additions = batch.stream()
                .map(sending -> new SharedCounts.Addition(key(sending.account, sending.window), sending.by)).toList();
        try {
            List<Long> totals = shared.get().add(additions, Duration.ofMillis(2 * windowMillis));
            for (int i = 0; i < batch.size(); i++) {
                Sending sent = batch.get(i);
                synchronized (sent.usage) {
                    if (sent.usage.window == sent.window) {
                        sent.usage.sending -= sent.by;
                        sent.usage.sharedTotal = Math.max(sent.usage.sharedTotal, totals.get(i));
                    }
                }
            }
            if (sharedFailing.compareAndSet(true, false)) {
                log.info("Redis answers again: request rate limits are counted across nodes again");
            }
        } catch (RuntimeException e) {
            for (Sending unsent : batch) {
                synchronized (unsent.usage) {
                    if (unsent.usage.window == unsent.window) {
                        unsent.usage.sending -= unsent.by;
                        unsent.usage.unsent += unsent.by;
                    }
                }
            }
            if (sharedFailing.compareAndSet(false, true)) {
                log.warn("Redis unreachable ({}): request rate limits are counted by each node alone until it"
                        + " answers", e.toString());
            }
        }
    }

    /**
     * Spreads the accounts' window starts over the window, the same on every node (String's hash is specified);
     * the multiplication (Fibonacci hashing) scatters ids that differ only in their last character.
     */
    private long offsetOf(String account) {
        return Math.floorMod((account.hashCode() * 0x9E3779B97F4A7C15L) >>> 16, windowMillis);
    }

    /** The account's id is its Redis Cluster hash tag, like the cache's keys. */
    private static String key(String account, long window) {
        return KEY_PREFIX + "{" + account + "}:" + window;
    }
}
