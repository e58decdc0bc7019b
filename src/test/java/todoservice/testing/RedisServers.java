package todoservice.testing;

import java.util.function.Function;
import java.util.function.Predicate;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Questions a test asks one Redis server on loopback (a Sentinel set's or a Cluster's member), each over a
 * short-lived connection of its own, never the application's: the topology harness of the failover tests and the
 * stack's Redis share them.
 */
public final class RedisServers {

    private static final DefaultJedisClientConfig QUESTIONS = DefaultJedisClientConfig.builder().timeoutMillis(2_000)
            .protocol(RedisProtocol.RESP2).build();

    private RedisServers() {
    }

    /** {@code question}'s answer from the server on {@code port}; null when it does not answer. */
    public static <T> T ask(int port, Function<Jedis, T> question) {
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port), QUESTIONS)) {
            return question.apply(jedis);
        } catch (JedisException e) {
            return null;
        }
    }

    /** Whether the server answers and {@code question} holds of it. */
    public static boolean holds(int port, Predicate<Jedis> question) {
        return Boolean.TRUE.equals(ask(port, question::test));
    }

    public static boolean isReplica(int port) {
        return holds(port, jedis -> jedis.info("replication").contains("role:slave"));
    }

    /** A replica whose link to its primary is up, with no sync in progress. */
    public static boolean replicaInSync(int port) {
        return holds(port, jedis -> {
            String info = jedis.info("replication");
            return info.contains("role:slave") && info.contains("master_link_status:up")
                    && info.contains("master_sync_in_progress:0");
        });
    }

    /** The port of the live primary that a CLUSTER NODES answer says holds {@code slot}; null when none. */
    public static Integer clusterPrimaryOf(String clusterNodes, int slot) {
        for (String line : clusterNodes.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    String address = fields[1];
                    return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
                }
            }
        }
        return null;
    }
}
