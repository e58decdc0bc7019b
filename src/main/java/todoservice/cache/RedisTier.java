package todoservice.cache;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import todoservice.config.CacheSettings;
import todoservice.redis.CircuitBreaker;
import todoservice.redis.PipelineReplies;
import todoservice.redis.RedisAddress;
import todoservice.redis.RedisEndpoint;
import todoservice.redis.RedisFailures;

/**
 * The shared tier on Redis through Jedis. Short timeouts and a {@link CircuitBreaker}: after a few failures calls
 * stop going out at all, and a background probe closes the breaker again once Redis answers.
 */
public final class RedisTier implements SharedTier {

    private static final Logger log = LoggerFactory.getLogger(RedisTier.class);

    /** Reads the counter, creating it from ARGV[1] when missing. */
    private static final String CREATE_COUNTER = "local v = redis.call('get', KEYS[1]) "
            + "if not v then redis.call('set', KEYS[1], ARGV[1]) v = ARGV[1] end return v";
    /** Creates the counter from ARGV[1] when missing (never from 0), then increments it. */
    private static final String BUMP = "if redis.call('exists', KEYS[1]) == 0 then "
            + "redis.call('set', KEYS[1], ARGV[1]) end return redis.call('incr', KEYS[1])";

    private final UnifiedJedis redis;
    private final boolean cluster;
    private final CircuitBreaker breaker;
    private final ScheduledFuture<?> probe;
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    /** Set by any failed connection or timeout, even one too brief to open the breaker. */
    private final AtomicBoolean outageSeen = new AtomicBoolean();
    /** Set by an error reply (a full Redis), cleared by the next write Redis stores. */
    private final AtomicBoolean refusing = new AtomicBoolean();

    /**
     * {@code prober} runs the background probe of an open breaker, every {@code CACHE_REDIS_BREAKER_OPEN}; it
     * belongs to the caller, who shuts it down after closing this tier.
     */
    public RedisTier(CacheSettings settings, CircuitBreaker breaker, ScheduledExecutorService prober) {
        Objects.requireNonNull(settings, "settings");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(prober, "prober");
        URI uri = settings.redisUri().orElseThrow(() -> new IllegalArgumentException("REDIS_URI is not set"));
        // A request never queues longer for a connection than it would wait for Redis itself.
        this.redis = RedisEndpoint.connect(RedisAddress.parse(uri), settings.redisTimeout(), Duration.ZERO,
                RedisEndpoint.pool(settings.redisPoolSize(), settings.redisTimeout()));
        this.cluster = redis instanceof RedisClusterClient;
        long every = settings.redisBreakerOpen().toMillis();
        this.probe = prober.scheduleWithFixedDelay(this::probeIfOpen, every, every, TimeUnit.MILLISECONDS);
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /**
     * The subscriptions that hear every invalidation channel, each to run on a thread of its own: on a Cluster one
     * per channel (a sharded subscription lives on the node that owns its channel's slot), else one for all.
     */
    List<RedisSubscription> invalidationSubscriptions(CacheKeys keys) {
        List<String> channels = keys.invalidationChannels();
        if (redis instanceof RedisClusterClient clusterClient) {
            return channels.stream().map(channel -> RedisSubscription.sharded(clusterClient, channel)).toList();
        }
        return List.of(RedisSubscription.plain(redis, channels));
    }

    @Override
    public Lookup get(String key) {
        return call(r -> {
            byte[] bytes = r.get(key.getBytes(StandardCharsets.UTF_8));
            return bytes == null ? Lookup.MISS : Lookup.hit(bytes);
        }, Lookup.UNAVAILABLE);
    }

    @Override
    public void set(String key, byte[] value, long ttlMillis) {
        if (call(r -> r.set(key.getBytes(StandardCharsets.UTF_8), value, SetParams.setParams().px(ttlMillis)),
                null) != null) {
            stored();
        }
    }

    @Override
    public LeaseResult tryLease(String key, long ttlMillis) {
        return call(r -> "OK".equals(r.set(key, "1", SetParams.setParams().nx().px(ttlMillis)))
                ? LeaseResult.ACQUIRED : LeaseResult.HELD_ELSEWHERE, LeaseResult.UNAVAILABLE);
    }

    @Override
    public Optional<long[]> counters(List<String> keys, long initial) {
        return call(r -> {
            List<String> replies = cluster ? keys.stream().map(r::get).toList() : pipelinedGets(r, keys);
            long[] values = new long[keys.size()];
            for (int i = 0; i < values.length; i++) {
                String value = replies.get(i);
                // Rare: only the first read of a counter, or the first after a write deleted it, creates it.
                values[i] = value == null ? create(r, keys.get(i), initial) : Long.parseLong(value);
            }
            return Optional.of(values);
        }, Optional.empty());
    }

    /** One round trip; not on a Cluster, where the keys' slots differ and a pipeline over several nodes is not retried. */
    private static List<String> pipelinedGets(UnifiedJedis r, List<String> keys) {
        List<Response<String>> replies = new ArrayList<>();
        try (AbstractPipeline pipeline = r.pipelined()) {
            keys.forEach(key -> replies.add(pipeline.get(key)));
            pipeline.sync();
        }
        return replies.stream().map(PipelineReplies::get).toList();
    }

    private long create(UnifiedJedis r, String key, long initial) {
        try {
            return Long.parseLong(String.valueOf(r.eval(CREATE_COUNTER, List.of(key), List.of(Long.toString(initial)))));
        } catch (JedisDataException refused) {
            if (RedisFailures.isOutage(refused)) {
                throw refused;
            }
            // A full Redis: the clock's value serves uncreated, so keys stay new until a write can be stored.
            refused(refused);
            return initial;
        }
    }

    @Override
    public OptionalLong bumpCounter(String key, long initial) {
        OptionalLong bumped = call(r -> OptionalLong.of(((Number) r.eval(BUMP, List.of(key),
                List.of(Long.toString(initial)))).longValue()), OptionalLong.empty());
        if (bumped.isPresent()) {
            stored();
        }
        return bumped;
    }

    @Override
    public boolean deleteCounter(String key) {
        return call(r -> r.del(key) >= 0, false);
    }

    /** An active check for readiness: the breaker alone would say "up" on an idle node. */
    public boolean ping() {
        return call(RedisTier::answers, null) != null;
    }

    @Override
    public void publish(String channel, String message) {
        // Sharded on a Cluster: the message goes to the channel's shard only, not over the whole cluster bus.
        call(r -> cluster ? ((RedisClusterClient) r).spublish(channel, message) : r.publish(channel, message), null);
    }

    @Override
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    private <T> T call(Function<UnifiedJedis, T> operation, T whenUnavailable) {
        if (!breaker.allowRequest()) {
            return whenUnavailable;
        }
        try {
            T result = operation.apply(redis);
            breaker.recordSuccess();
            if (outageSeen.compareAndSet(true, false)) {
                // Writes may have failed to invalidate meanwhile, here or on other nodes: let the cache retire
                // what Redis holds before anything else is read.
                reconnectListeners.forEach(Runnable::run);
            }
            return result;
        } catch (JedisException e) {
            if (e instanceof JedisDataException refusal && !RedisFailures.isOutage(e)) {
                // An error reply, answered at once (a full Redis's OOM): Redis is there, so the breaker stays shut.
                breaker.recordSuccess();
                refused(refusal);
                return whenUnavailable;
            }
            // A lost connection, or a primary missing until a failover ends: writes may fail to invalidate meanwhile.
            outageSeen.set(true);
            CircuitBreaker.State before = breaker.state();
            breaker.recordFailure();
            if (before == CircuitBreaker.State.CLOSED && breaker.state() == CircuitBreaker.State.OPEN) {
                log.warn("Redis unreachable ({}); serving from L1 and MongoDB until it answers again",
                        e.getMessage());
            }
            return whenUnavailable;
        }
    }

    /** Logs the first refusal of a run at WARN: a full Redis refuses every write, many per second. */
    private void refused(JedisDataException e) {
        if (refusing.compareAndSet(false, true)) {
            log.warn("Redis refuses cache writes ({}); serving from L1 and MongoDB, and writes invalidate by"
                    + " deleting generations, until it stores again", e.getMessage());
        } else {
            log.debug("Redis refused a cache command: {}", e.getMessage());
        }
    }

    private void stored() {
        if (refusing.compareAndSet(true, false)) {
            log.info("Redis stores cache writes again");
        }
    }

    private void probeIfOpen() {
        if (breaker.state() != CircuitBreaker.State.CLOSED) {
            call(RedisTier::answers, null);
        }
    }

    private static Boolean answers(UnifiedJedis r) {
        RedisEndpoint.ping(r);
        return Boolean.TRUE;
    }

    @Override
    public void close() {
        probe.cancel(true);
        redis.close();
    }
}
