package todoservice.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import todoservice.ops.Sha256;

/**
 * Counts failed attempts per key (an account's login, a client's address) against one {@link AttemptLimit},
 * shared by every node through Redis. Keys are stored as SHA-256, so Redis holds no login or address. Without
 * Redis, or while it does not answer, each node counts on its own ({@link LocalAttempts}): an attacker then gets
 * the limit once per node, but logins keep working. After a failed call Redis is left alone for
 * {@link #REDIS_RETRY}, so a hanging Redis costs one timeout per second, not one per login. A block Redis reported
 * is remembered by the node for {@link #BLOCK_KNOWN_FOR}, so a flood of refused attempts costs one Redis call per
 * key, node and second, not one each; a login that succeeded on another node in the same instant (it passed its
 * check just before the block) clears the block here within that second.
 */
public final class AttemptLimiter {

    private static final Logger log = LoggerFactory.getLogger(AttemptLimiter.class);

    static final Duration REDIS_RETRY = Duration.ofSeconds(1);
    static final Duration BLOCK_KNOWN_FOR = Duration.ofSeconds(1);

    /** KEYS: the counter. ARGV: the window in ms, which starts at the first failure (a counter without one gets it). */
    private static final String COUNT_FAILURE = """
            local failures = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return failures
            """;
    /** KEYS: the counter. ARGV: the limit. Returns the ms until the window ends when the limit is reached, else 0. */
    private static final String BLOCKED_FOR = """
            local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
            if failures < tonumber(ARGV[1]) then return 0 end
            return math.max(redis.call('PTTL', KEYS[1]), 0)
            """;

    private final AttemptLimit limit;
    private final String keyPrefix;
    private final Optional<UnifiedJedis> redis;
    private final Clock clock;
    private final LocalAttempts local;
    /** Keys Redis said are blocked, with the end of the block in the clock's millis. */
    private final Cache<String, Long> knownBlocked;
    private final AtomicBoolean redisFailing = new AtomicBoolean();
    private volatile long skipRedisUntilMillis;
    private final Counter failures;
    private final Counter blocked;
    private final Counter countedLocally;

    /** Redis keys are {@code keyPrefix + limit name + ":" + sha256(key)}, e.g. {@code todo:auth:login:account:…}. */
    public AttemptLimiter(AttemptLimit limit, String keyPrefix, Optional<UnifiedJedis> redis, Clock clock,
            MeterRegistry registry) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.local = new LocalAttempts(limit, clock);
        this.knownBlocked = Caffeine.newBuilder().maximumSize(LocalAttempts.MAX_KEYS)
                .expireAfterWrite(BLOCK_KNOWN_FOR)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.failures = counter(registry, "failed", "Failed attempts counted");
        this.blocked = counter(registry, "blocked", "Attempts refused because the limit was reached");
        this.countedLocally = counter(registry, "local", "Calls answered by this node's own counts, without Redis");
        if (redis.isEmpty()) {
            log.info("Failed attempts per {} are counted in each node alone: no Redis", limit.name());
        }
    }

    private Counter counter(MeterRegistry registry, String what, String description) {
        return Counter.builder("todo.auth.attempts." + what).tag("limit", limit.name()).description(description)
                .register(registry);
    }

    /** How long until {@code key} may try again, or empty if it may now. */
    public Optional<Duration> blockedFor(String key) {
        String id = Sha256.hexOf(key);
        long now = clock.millis();
        Long knownEnd = knownBlocked.getIfPresent(id);
        if (knownEnd != null && now < knownEnd) {
            blocked.increment();
            return Optional.of(Duration.ofMillis(knownEnd - now));
        }
        Optional<Duration> wait = withRedis(
                client -> remaining((Long) client.eval(BLOCKED_FOR, List.of(redisKey(id)),
                        List.of(Integer.toString(limit.maxFailures())))),
                () -> local.blockedFor(id));
        if (wait.isPresent()) {
            knownBlocked.put(id, now + wait.get().toMillis());
            blocked.increment();
        }
        return wait;
    }

    public void failed(String key) {
        String id = Sha256.hexOf(key);
        withRedis(client -> (Long) client.eval(COUNT_FAILURE, List.of(redisKey(id)),
                List.of(Long.toString(limit.window().toMillis()))), () -> local.failed(id));
        failures.increment();
    }

    /** Forgets {@code key}'s failures. Call it for an account that logged in, never for an address. */
    public void succeeded(String key) {
        String id = Sha256.hexOf(key);
        knownBlocked.invalidate(id);
        local.succeeded(id);
        withRedis(client -> client.del(redisKey(id)), () -> 0L);
    }

    private static Optional<Duration> remaining(long millis) {
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    private String redisKey(String id) {
        return keyPrefix + limit.name() + ":" + id;
    }

    private <T> T withRedis(Function<UnifiedJedis, T> call, Supplier<T> locally) {
        if (redis.isEmpty() || clock.millis() < skipRedisUntilMillis) {
            countedLocally.increment();
            return locally.get();
        }
        try {
            T answer = call.apply(redis.get());
            if (redisFailing.compareAndSet(true, false)) {
                log.info("Redis answers again: failed attempts per {} are counted across nodes again", limit.name());
            }
            return answer;
        } catch (JedisException e) {
            skipRedisUntilMillis = clock.millis() + REDIS_RETRY.toMillis();
            if (redisFailing.compareAndSet(false, true)) {
                log.warn("Redis unreachable ({}); failed attempts per {} are counted in this node alone until it"
                        + " answers", e.getMessage(), limit.name());
            }
            countedLocally.increment();
            return locally.get();
        }
    }
}
