package todoservice.redis;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * How a redis:// or rediss:// URI becomes Jedis connection settings (host, user, password, database, TLS), in one
 * place for the cache's Redis and the queue's, which may be the same server or two different ones.
 */
public final class RedisEndpoint {

    private RedisEndpoint() {
    }

    /**
     * A client with up to {@code poolSize} connections whose every call, the wait for a free connection included,
     * gives up after {@code timeout}.
     */
    public static RedisClient connect(URI uri, Duration timeout, int poolSize) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(timeout);
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort(hostAndPort(uri))
                .clientConfig(clientConfig(uri, timeout))
                .poolConfig(pool)
                .build();
    }

    public static HostAndPort hostAndPort(URI uri) {
        return JedisURIHelper.getHostAndPort(uri);
    }

    /**
     * Connection and socket timeouts both {@code timeout}; the client named so it shows in CLIENT LIST. Blocking
     * commands and pub/sub wait without a timeout.
     */
    public static JedisClientConfig clientConfig(URI uri, Duration timeout) {
        return clientConfig(uri, timeout, Duration.ZERO);
    }

    /**
     * As {@link #clientConfig(URI, Duration)}, but a blocking command (XREADGROUP with BLOCK) waits at most
     * {@code blockingTimeout} (zero: forever): a command lost on its way must not hold its caller for good. Never
     * for a client that subscribes, whose wait for the next message has no bound.
     */
    public static JedisClientConfig clientConfig(URI uri, Duration timeout, Duration blockingTimeout) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .blockingSocketTimeoutMillis((int) blockingTimeout.toMillis())
                .clientName("todo-service")
                .ssl(JedisURIHelper.isRedisSSLScheme(uri));
        String user = JedisURIHelper.getUser(uri);
        String password = JedisURIHelper.getPassword(uri);
        if (user != null && !user.isEmpty()) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            config.database(JedisURIHelper.getDBIndex(uri));
        }
        return config.build();
    }
}
