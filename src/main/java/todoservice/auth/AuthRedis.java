package todoservice.auth;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import todoservice.redis.RedisEndpoint;

/**
 * The Redis client of the login limits: every call, the wait for a pooled connection included, gives up after
 * {@code timeout} (the cache's {@code REDIS_TIMEOUT}), so a dead or hanging Redis delays a login by no more.
 */
public final class AuthRedis {

    private AuthRedis() {
    }

    public static RedisClient connect(URI uri, Duration timeout, int poolSize) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(timeout);
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(RedisEndpoint.hostAndPort(uri))
                .clientConfig(RedisEndpoint.clientConfig(uri, timeout))
                .poolConfig(pool)
                .build();
    }
}
