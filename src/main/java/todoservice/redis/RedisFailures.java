package todoservice.redis;

import java.util.List;
import redis.clients.jedis.exceptions.JedisBroadcastException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells an outage from a refusal. Some error replies mean "no primary serves this now" rather than "the primary says
 * no": a Cluster whose slot lost its primary ({@code CLUSTERDOWN}, {@code TRYAGAIN}), a replica not yet promoted or
 * an old primary come back as one ({@code READONLY}, {@code MASTERDOWN}), a server still loading ({@code LOADING}).
 * They heal with the failover, like a lost connection, and callers treat them so (breaker, L1 flush afterwards).
 */
public final class RedisFailures {

    private static final List<String> OUTAGE_REPLIES = List.of("CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY",
            "LOADING");

    private RedisFailures() {
    }

    public static boolean isOutage(JedisException e) {
        if (e instanceof JedisConnectionException || e instanceof JedisClusterOperationException
                || e instanceof JedisBroadcastException) {
            return true;
        }
        if (e instanceof JedisDataException) {
            String message = String.valueOf(e.getMessage());
            return OUTAGE_REPLIES.stream().anyMatch(message::startsWith);
        }
        return true;
    }
}
