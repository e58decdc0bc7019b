package todoservice.stack;

import static todoservice.testing.RedisServers.ask;
import static todoservice.testing.RedisServers.holds;
import static todoservice.testing.RedisServers.isReplica;
import static todoservice.testing.RedisServers.replicaInSync;

import java.util.List;
import java.util.stream.IntStream;
import redis.clients.jedis.util.JedisClusterCRC16;
import todoservice.testing.RedisServers;

/**
 * The Redis topology {@code bin/stack up --redis sentinel|cluster} runs, as its fixed ports lay it out: data servers
 * {@code redis:redisK} on 6378 + K, sentinels on 26379-26381 watching the master {@code todo}, asked through
 * {@link RedisServers}.
 */
record StackRedis(String topology) {

    private static final int FIRST_PORT = 6379;
    private static final int SENTINEL_PORT = 26379;
    private static final String MASTER_NAME = "todo";

    boolean cluster() {
        return topology.equals("cluster");
    }

    List<Integer> dataPorts() {
        int count = cluster() ? 6 : 2;
        return IntStream.range(FIRST_PORT, FIRST_PORT + count).boxed().toList();
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
            boolean sentinels = holds(SENTINEL_PORT, jedis -> jedis.sentinelMasters().stream().anyMatch(master ->
                    MASTER_NAME.equals(master.get("name")) && "2".equals(master.get("num-other-sentinels"))
                            && "1".equals(master.get("num-slaves"))));
            int primary = primaryOf(MASTER_NAME);
            return sentinels && dataPorts().stream().filter(port -> port != primary)
                    .allMatch(RedisServers::replicaInSync);
        }
        return dataPorts().stream().allMatch(port -> holds(port, jedis ->
                jedis.clusterInfo().contains("cluster_state:ok")))
                && dataPorts().stream().filter(port -> isReplica(port) && replicaInSync(port)).count() == 3;
    }

    /** The port of the primary serving {@code key} now; -1 when none can be found. */
    int primaryOf(String key) {
        if (!cluster()) {
            List<String> address = ask(SENTINEL_PORT, jedis -> jedis.sentinelGetMasterAddrByName(MASTER_NAME));
            return address == null ? -1 : Integer.parseInt(address.get(1));
        }
        int slot = JedisClusterCRC16.getSlot(key);
        for (int port : dataPorts()) {
            Integer owner = ask(port, jedis -> RedisServers.clusterPrimaryOf(jedis.clusterNodes(), slot));
            if (owner != null) {
                return owner;
            }
        }
        return -1;
    }

    /** Whether {@code key}'s slot has failed over: a live primary other than {@code killed} serves it. */
    boolean failedOver(String key, int killed) {
        int primary = primaryOf(key);
        return primary > 0 && primary != killed && holds(primary, jedis ->
                jedis.info("replication").contains("role:master")
                        && (!cluster() || jedis.clusterInfo().contains("cluster_state:ok")));
    }

}
