package todoservice.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.EmbeddedRedis;

/**
 * The cache's world in one process: one in-memory MongoDB-wire store, one real {@code redis-server} (the Maven-shipped
 * binary) and one or more app nodes (the WAR in embedded Tomcat) sharing both through the same {@code MONGODB_URI}
 * and {@code REDIS_URI}. Database queries are counted from each node's {@code /metrics}, where the driver's command
 * listener records every command.
 */
final class CacheCluster implements AutoCloseable {

    private final EmbeddedMongo mongo;
    private EmbeddedRedis redis;
    private RedisLink link;
    private final List<TestServer> servers = new ArrayList<>();
    private final List<Http> nodes = new ArrayList<>();
    private final Set<Integer> stopped = new HashSet<>();

    private CacheCluster(int size, Map<String, String> parameters, boolean behindLink) {
        mongo = EmbeddedMongo.inMemory();
        try {
            redis = EmbeddedRedis.start(0);
            link = behindLink ? new RedisLink(redis.port()) : null;
            Map<String, String> all = new HashMap<>(parameters);
            all.put("MONGODB_URI", mongo.uri("todo"));
            all.put("REDIS_URI", behindLink ? link.uri() : redis.uri());
            for (int i = 0; i < size; i++) {
                TestServer server = TestServer.start("", all);
                servers.add(server);
                nodes.add(new Http(server));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code size} nodes configured with {@code parameters} (context parameters, as in Tomcat's context.xml). */
    static CacheCluster start(int size, Map<String, String> parameters) {
        return new CacheCluster(size, parameters, false);
    }

    /** Like {@link #start}, with the nodes reaching Redis through a {@link RedisLink} the test can break. */
    static CacheCluster startBehindLink(int size, Map<String, String> parameters) {
        return new CacheCluster(size, parameters, true);
    }

    RedisLink link() {
        if (link == null) {
            throw new IllegalStateException("This cluster reaches Redis directly; use startBehindLink");
        }
        return link;
    }

    /** Stops one node, as when it crashes or is redeployed; its {@link #node} must not be used afterwards. */
    void stopNode(int index) {
        if (stopped.add(index)) {
            servers.get(index).close();
        }
    }

    Http node(int index) {
        return nodes.get(index);
    }

    int size() {
        return nodes.size();
    }

    EmbeddedRedis redis() {
        return redis;
    }

    EmbeddedMongo mongo() {
        return mongo;
    }

    /** Empties Redis, as if every L2 entry (and every generation counter) had expired at once. */
    void flushRedis() {
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            jedis.flushAll();
        }
    }

    /** MongoDB {@code find} commands on the todos collection made so far by every node together. */
    long todoFinds() {
        long finds = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (!stopped.contains(i)) {
                finds += todoFinds(nodes.get(i));
            }
        }
        return finds;
    }

    /** MongoDB {@code find} commands on the todos collection made so far by one node. */
    static long todoFinds(Http node) {
        return (long) metric(node, "mongodb_driver_commands_seconds_count", "command", "find",
                "collection", "todos");
    }

    /**
     * The sum of every sample of {@code name} on the node's {@code /metrics} whose labels include {@code labels}
     * (name, value, name, value...), 0 when there is none.
     */
    static double metric(Http node, String name, String... labels) {
        Http.Reply metrics = node.get("/metrics");
        if (metrics.status() != 200) {
            throw new IllegalStateException("/metrics answered " + metrics.status());
        }
        double sum = 0;
        for (String line : metrics.body().split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!line.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                    matches = false;
                    break;
                }
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** {@code todo_cache_gets_total} of one tier and result on one node. */
    static double cacheGets(Http node, String tier, String result) {
        return metric(node, "todo_cache_gets_total", "tier", tier, "result", result);
    }

    /** Creates a todo through {@code node} and returns its id. */
    static String create(Http node, String content) {
        Http.Reply created = node.postForm("/todo", Map.of("content", content));
        if (created.status() != 201) {
            throw new IllegalStateException("POST /todo answered " + created.status() + ": " + created.body());
        }
        return created.json().get("id").asText();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < servers.size(); i++) {
            try {
                stopNode(i);
            } catch (RuntimeException e) {
                // Keep closing the rest.
            }
        }
        if (link != null) {
            link.close();
        }
        if (redis != null) {
            redis.close();
        }
        try {
            mongo.close();
        } catch (RuntimeException e) {
            // Already closed by a test of a database outage.
        }
    }
}
