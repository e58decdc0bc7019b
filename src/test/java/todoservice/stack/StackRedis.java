package todoservice.stack;

import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis topology {@code bin/stack up --redis sentinel|cluster} runs, as its fixed ports lay it out: data servers
 * {@code redis:redisK} on 6378 + K, sentinels on 26379-26381 watching the master {@code todo}. Asked over short
 * connections of their own, never the application's.
 */
record StackRedis(String topology) {

    private static final int FIRST_PORT = 6379;
    private static final int SENTINEL_PORT = 26379;
    private static final String MASTER_NAME = "todo";
    private static final DefaultJedisClientConfig QUESTIONS = DefaultJedisClientConfig.builder().timeoutMillis(2_000)
            .protocol(RedisProtocol.RESP2).build();

    boolean cluster() {
        return topology.equals("cluster");
    }

    List<Integer> dataPorts() {
        int count = cluster() ? 6 : 2;
        return java.util.stream.IntStream.range(FIRST_PORT, FIRST_PORT + count).boxed().toList();
    }

    /** The supervisord process of the data server on {@code port}. */
    static String program(int port) {
        return "redis:redis" + (port - FIRST_PORT + 1);
    }

    /**
     * Whether a failover can happen now: on a Sentinel set the three sentinels know each other and the replica,
     * whose link is up; on a Cluster every server says ok and each primary has a replica in sync.
     */
    boolean armed() {
        if (!cluster()) {
            Boolean sentinels = ask(SENTINEL_PORT, jedis -> jedis.sentinelMasters().stream().anyMatch(master ->
                    MASTER_NAME.equals(master.get("name")) && "2".equals(master.get("num-other-sentinels"))
                            && "1".equals(master.get("num-slaves"))));
            int primary = primaryOf(MASTER_NAME);
            return Boolean.TRUE.equals(sentinels) && dataPorts().stream().filter(port -> port != primary)
                    .allMatch(StackRedis::replicaInSync);
        }
        return dataPorts().stream().allMatch(port -> Boolean.TRUE.equals(ask(port, jedis ->
                jedis.clusterInfo().contains("cluster_state:ok"))))
                && dataPorts().stream().filter(StackRedis::isReplica).filter(StackRedis::replicaInSync).count() == 3;
    }

    /** The port of the primary serving {@code key} now; -1 when none can be found. */
    int primaryOf(String key) {
        if (!cluster()) {
            List<String> address = ask(SENTINEL_PORT, jedis -> jedis.sentinelGetMasterAddrByName(MASTER_NAME));
            return address == null ? -1 : Integer.parseInt(address.get(1));
        }
        int slot = JedisClusterCRC16.getSlot(key);
        for (int port : dataPorts()) {
            Integer owner = ask(port, jedis -> ownerOf(jedis.clusterNodes(), slot));
            if (owner != null) {
                return owner;
            }
        }
        return -1;
    }

    /** Whether {@code port}'s primary has failed over: a live server other than it serves the key's slot. */
    boolean failedOver(String key, int killed) {
        int primary = primaryOf(key);
        return primary > 0 && primary != killed && Boolean.TRUE.equals(ask(primary, jedis ->
                jedis.info("replication").contains("role:master")
                        && (!cluster() || jedis.clusterInfo().contains("cluster_state:ok"))));
    }

    static boolean isReplica(int port) {
        return Boolean.TRUE.equals(ask(port, jedis -> jedis.info("replication").contains("role:slave")));
    }

    static boolean replicaInSync(int port) {
        return Boolean.TRUE.equals(ask(port, jedis -> {
            String info = jedis.info("replication");
            return info.contains("role:slave") && info.contains("master_link_status:up")
                    && info.contains("master_sync_in_progress:0");
        }));
    }

    /** The port of the live primary that CLUSTER NODES says holds {@code slot}; null when none. */
    private static Integer ownerOf(String clusterNodes, int slot) {
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

    /** A short-lived connection to one server; null when it does not answer. */
    private static <T> T ask(int port, Function<Jedis, T> question) {
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port), QUESTIONS)) {
            return question.apply(jedis);
        } catch (JedisException e) {
            return null;
        }
    }
}
