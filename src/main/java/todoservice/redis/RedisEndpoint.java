package todoservice.redis;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * How a {@link RedisAddress} becomes a Jedis client of its topology (one server, a Sentinel-watched primary, or a
 * Cluster), in one place for the cache's Redis and the queue's, which may be the same or two different ones.
 * Failover is Jedis's: the Sentinel client follows the primary the sentinels announce, the Cluster client follows
 * MOVED replies and refreshes its slot map.
 */
public final class RedisEndpoint {

    /** A key nobody writes, read to see whether a Cluster answers. */
    private static final String CLUSTER_PROBE_KEY = "todo:probe";

    private RedisEndpoint() {
    }

    /**
     * A client with up to {@code poolSize} connections (per node, on a Cluster) whose every call, the wait for a
     * free connection and a Cluster's redirections included, gives up after about {@code timeout}.
     */
    public static UnifiedJedis connect(URI uri, Duration timeout, int poolSize) {
        return connect(RedisAddress.parse(uri), timeout, Duration.ZERO, pool(poolSize, timeout));
    }

    /** A pool of up to {@code size} connections where a caller waits at most {@code maxWait} for one. */
    public static ConnectionPoolConfig pool(int size, Duration maxWait) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        pool.setMinIdle(0);
        pool.setMaxWait(maxWait);
        pool.setBlockWhenExhausted(true);
        pool.setJmxEnabled(false);
        return pool;
    }

    /**
     * The client for {@code address}: connection and socket timeouts {@code timeout}; a blocking command (XREADGROUP
     * with BLOCK) waits at most {@code blockingTimeout} (zero: forever), because a command lost on its way must not
     * hold its caller for good. Pub/sub connections wait for the next message without a bound.
     */
    public static UnifiedJedis connect(RedisAddress address, Duration timeout, Duration blockingTimeout,
            ConnectionPoolConfig pool) {
        JedisClientConfig config = clientConfig(address, timeout, blockingTimeout);
        return switch (address.topology()) {
            case STANDALONE -> RedisClient.builder()
                    .hostAndPort(hostAndPort(address.nodes().get(0)))
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
            case SENTINEL -> RedisSentinelClient.builder()
                    .masterName(address.masterName().orElseThrow())
                    .sentinels(hostsAndPorts(address))
                    .clientConfig(config)
                    // Sentinels answer quickly or not at all; they are reached without the data nodes' password.
                    .sentinelClientConfig(DefaultJedisClientConfig.builder()
                            .connectionTimeoutMillis(millis(timeout))
                            .socketTimeoutMillis(millis(timeout))
                            .clientName("todo-service")
                            .ssl(address.tls())
                            // Sentinels speak RESP2 here; said outright, Jedis need not try and warn on each connection.
                            .protocol(RedisProtocol.RESP2)
                            .build())
                    .poolConfig(pool)
                    .build();
            case CLUSTER -> RedisClusterClient.builder()
                    .nodes(hostsAndPorts(address))
                    .clientConfig(config)
                    .poolConfig(pool)
                    // Redirections and retries after a node's failure end within the caller's timeout, so a
                    // failover degrades the caller (the cache falls back to L1) instead of holding its thread.
                    .maxAttempts(5)
                    .maxTotalRetriesDuration(timeout)
                    .build();
        };
    }

    /**
     * Whether Redis answers, as cheaply as possible: PING, except on a Cluster, where Jedis sends PING to every
     * primary it knows and fails when one of them does, a dead one replaced by its replica included. There a read
     * of one key answers instead: its slot's primary, found through the client's slot map like any command.
     * Throws what the client throws.
     */
    public static void ping(UnifiedJedis client) {
        if (client instanceof RedisClusterClient) {
            client.exists(CLUSTER_PROBE_KEY);
        } else {
            client.ping();
        }
    }

    private static JedisClientConfig clientConfig(RedisAddress address, Duration timeout, Duration blockingTimeout) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(timeout))
                .socketTimeoutMillis(millis(timeout))
                .blockingSocketTimeoutMillis(millis(blockingTimeout))
                .clientName("todo-service")
                .ssl(address.tls());
        address.user().ifPresent(config::user);
        address.password().ifPresent(config::password);
        if (address.database() != 0) {
            config.database(address.database());
        }
        return config.build();
    }

    private static Set<HostAndPort> hostsAndPorts(RedisAddress address) {
        Set<HostAndPort> hosts = new LinkedHashSet<>();
        address.nodes().forEach(node -> hosts.add(hostAndPort(node)));
        return hosts;
    }

    private static HostAndPort hostAndPort(RedisAddress.Node node) {
        return new HostAndPort(node.host(), node.port());
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
