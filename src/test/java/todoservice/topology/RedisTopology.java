package todoservice.topology;

import static todoservice.testing.RedisServers.ask;
import static todoservice.testing.RedisServers.holds;
import static todoservice.testing.RedisServers.replicaInSync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;
import todoservice.dev.LoopbackPorts;
import todoservice.it.Poll;
import todoservice.testing.RedisServers;

/**
 * Debian's {@code redis-server} (7.0, the package {@code .ci/run} installs) in a distributed topology on loopback
 * ports, each server a process of its own that a test can kill with SIGKILL: a Sentinel set (one primary, one
 * replica, three sentinels, quorum two) or a Cluster (three primaries, three replicas). Failure detection is set to
 * one second, as an operator of a latency-sensitive service would set it.
 */
final class RedisTopology implements AutoCloseable {

    static final String MASTER_NAME = "todo";
    private static final String REDIS_SERVER = "/usr/bin/redis-server";
    private static final String REDIS_CLI = "/usr/bin/redis-cli";
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

    private final Path directory;
    private final String uri;
    /** The data servers by port; sentinels are kept apart: killing one of them is no failover. */
    private final Map<Integer, Process> dataNodes;
    private final List<Process> sentinels;

    private RedisTopology(Path directory, String uri, Map<Integer, Process> dataNodes, List<Process> sentinels) {
        this.directory = directory;
        this.uri = uri;
        this.dataNodes = dataNodes;
        this.sentinels = sentinels;
    }

    /** One primary, one replica of it, three sentinels watching it under {@link #MASTER_NAME}. */
    static RedisTopology sentinel() {
        Path directory = temporaryDirectory("sentinel");
        Map<Integer, Process> data = new LinkedHashMap<>();
        List<Process> sentinels = new ArrayList<>();
        try {
            int primary = LoopbackPorts.free();
            data.put(primary, server(directory, "primary", primary));
            int replica = LoopbackPorts.free();
            data.put(replica, server(directory, "replica", replica, "--replicaof", "127.0.0.1", Integer.toString(primary)));
            List<Integer> sentinelPorts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int port = LoopbackPorts.free();
                sentinelPorts.add(port);
                Path config = directory.resolve("sentinel-" + i + ".conf");
                Files.writeString(config, String.join("\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "dir " + directory,
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primary + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 10000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
                sentinels.add(start(directory, "sentinel-" + i, REDIS_SERVER, config.toString(), "--sentinel"));
            }
            RedisTopology topology = new RedisTopology(directory, "redis-sentinel://" + sentinelPorts.stream()
                    .map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")) + "?master=" + MASTER_NAME,
                    data, sentinels);
            topology.settle(() -> replicaInSync(replica) && sentinelPorts.stream().allMatch(port ->
                    holds(port, jedis -> jedis.sentinelMasters().stream().anyMatch(master ->
                            MASTER_NAME.equals(master.get("name")) && "2".equals(master.get("num-other-sentinels"))
                                    && "1".equals(master.get("num-slaves"))))));
            return topology;
        } catch (IOException | RuntimeException e) {
            stopAll(data.values(), sentinels);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Three primaries with a replica each, the 16384 slots spread by {@code redis-cli --cluster create}. */
    static RedisTopology cluster() {
        Path directory = temporaryDirectory("cluster");
        Map<Integer, Process> data = new LinkedHashMap<>();
        try {
            for (int i = 1; i <= 6; i++) {
                int port = LoopbackPorts.free();
                Path nodeDirectory = Files.createDirectories(directory.resolve("node-" + i));
                data.put(port, server(nodeDirectory, "node-" + i, port, "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
                        "--cluster-port", Integer.toString(LoopbackPorts.free())));
            }
            for (int port : data.keySet()) {
                Poll.until(Duration.ofSeconds(20), () -> holds(port, jedis -> "PONG".equals(jedis.ping())));
            }
            List<String> create = new ArrayList<>(List.of(REDIS_CLI, "--cluster", "create"));
            data.keySet().forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            Process creating = start(directory, "cluster-create", create.toArray(String[]::new));
            if (!creating.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || creating.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: see " + directory
                        .resolve("cluster-create.log"));
            }
            RedisTopology topology = new RedisTopology(directory, "redis-cluster://" + data.keySet().stream()
                    .limit(3).map(port -> "127.0.0.1:" + port).collect(Collectors.joining(",")), data, List.of());
            topology.settle(() -> data.keySet().stream().allMatch(port -> holds(port, jedis ->
                    jedis.clusterInfo().contains("cluster_state:ok")
                            && jedis.clusterInfo().contains("cluster_known_nodes:6")))
                    && topology.clusterReplicasInSync());
            return topology;
        } catch (IOException | RuntimeException e) {
            stopAll(data.values(), List.of());
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll(data.values(), List.of());
            throw new IllegalStateException(e);
        }
    }

    /** What REDIS_URI and JOBS_REDIS_URI say to reach this topology. */
    String uri() {
        return uri;
    }

    /**
     * Kills the primary that holds {@code key}'s slot (on a Sentinel set, the one primary) with SIGKILL, as a crashed
     * machine would go: no shutdown, no goodbye to clients or replicas. Returns its port.
     */
    int killPrimaryOf(String key) {
        int port = primaryOf(key);
        Process process = dataNodes.remove(port);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return port;
    }

    /** The port of the primary holding {@code key} now (after a failover, the promoted replica's). */
    int primaryOf(String key) {
        if (sentinels.isEmpty()) {
            int slot = JedisClusterCRC16.getSlot(key);
            for (int port : dataNodes.keySet()) {
                Integer owner = ask(port, jedis -> RedisServers.clusterPrimaryOf(jedis.clusterNodes(), slot));
                if (owner != null) {
                    return owner;
                }
            }
            throw new IllegalStateException("no live node knows the primary of slot " + slot);
        }
        for (int port : dataNodes.keySet()) {
            if (holds(port, jedis -> jedis.info("replication").contains("role:master"))) {
                return port;
            }
        }
        throw new IllegalStateException("no primary among " + dataNodes.keySet());
    }

    /** Whether a live server other than {@code killed} serves {@code key}'s slot as primary, with the cluster ok. */
    boolean failedOver(String key, int killed) {
        try {
            int primary = primaryOf(key);
            return primary != killed && (!sentinels.isEmpty() || dataNodes.keySet().stream().allMatch(port ->
                    holds(port, jedis -> jedis.clusterInfo().contains("cluster_state:ok"))));
        } catch (IllegalStateException | JedisException e) {
            return false;
        }
    }

    private boolean clusterReplicasInSync() {
        long replicas = dataNodes.keySet().stream()
                .filter(RedisServers::isReplica).filter(RedisServers::replicaInSync).count();
        return replicas == 3;
    }

    private void settle(java.util.function.BooleanSupplier ready) {
        if (!Poll.until(SETTLE_LIMIT, () -> {
            try {
                return ready.getAsBoolean();
            } catch (JedisException e) {
                return false;
            }
        })) {
            close();
            throw new IllegalStateException("the Redis topology did not settle within " + SETTLE_LIMIT
                    + "; logs in " + directory);
        }
    }

    private static Process server(Path directory, String name, int port, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(REDIS_SERVER, "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
        command.addAll(List.of(more));
        return start(directory, name, command.toArray(String[]::new));
    }

    private static Process start(Path directory, String name, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile()).start();
    }

    private static Path temporaryDirectory(String kind) {
        try {
            Path target = Path.of("target", "redis-topologies");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), kind + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopAll(java.util.Collection<Process> data, List<Process> sentinels) {
        Stream.concat(data.stream(), sentinels.stream()).forEach(Process::destroyForcibly);
    }

    @Override
    public void close() {
        stopAll(dataNodes.values(), sentinels);
        dataNodes.clear();
        // The logs stay in target/redis-topologies for a failed run; the data files are empty (no persistence).
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).filter(path -> path.toString().endsWith(".rdb"))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only tidying.
        }
    }
}
