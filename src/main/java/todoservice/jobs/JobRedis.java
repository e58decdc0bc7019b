package todoservice.jobs;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import todoservice.redis.RedisEndpoint;

/**
 * The queue's own Redis client. Its socket timeout outlasts a worker's blocking read (1 s), unlike the cache's
 * 250 ms; a request thread that enqueues waits at most {@link #TIMEOUT} before answering 503.
 */
public final class JobRedis {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private JobRedis() {
    }

    public static RedisClient connect(URI uri, int poolSize) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(TIMEOUT);
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(RedisEndpoint.hostAndPort(uri))
                .clientConfig(RedisEndpoint.clientConfig(uri, TIMEOUT))
                .poolConfig(pool)
                .build();
    }
}
