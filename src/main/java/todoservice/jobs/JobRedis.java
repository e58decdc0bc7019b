package todoservice.jobs;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;
import todoservice.redis.RedisAddress;
import todoservice.redis.RedisEndpoint;

/**
 * The queue's own Redis client. A request thread that enqueues waits at most {@link #TIMEOUT} before answering 503
 * (and not at all once {@link JobQueue}'s breaker is open); a worker's blocking read at most {@link #READ_BLOCK}
 * plus that: Jedis would otherwise wait forever for the answer to a read Redis never received.
 */
public final class JobRedis {

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The longest a worker's read of new entries blocks in Redis. */
    static final Duration READ_BLOCK = Duration.ofSeconds(1);

    private JobRedis() {
    }

    public static UnifiedJedis connect(URI uri, int poolSize) {
        return RedisEndpoint.connect(RedisAddress.parse(uri), TIMEOUT, READ_BLOCK.plus(TIMEOUT),
                RedisEndpoint.pool(poolSize, TIMEOUT));
    }
}
