import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import todoservice.auth.Owner;
import todoservice.cache.CacheKeys;
import todoservice.todo.TodoReadCache;

/**
 * Cache miss and cache hit latency of the first page, for bench/scale (run as a single source file with the
 * service's classes, for its cache keys: `java -cp <classpath> bench/ScaleProbe.java http://127.0.0.1:8120 6499 20
 * 1000`). One request at a time over one kept-alive
 * connection, timed around the HTTP exchange.
 * <ul>
 * <li>miss: the owner's generation is bumped in Redis first (an INCR of its counter: what every write does before
 * its answer), so the next read finds neither its L1 nor its L2 entry and loads the page from the store;</li>
 * <li>hit: the same page read again and again (an L1 hit, plus the generation round trip to Redis).</li>
 * </ul>
 * Checks from the node's /metrics that every miss made exactly one store load and no hit made any. Prints
 * key=value lines; exit status 1 when an answer was not 200 or the loads do not match.
 */
public final class ScaleProbe {

    /** The counter every write of the anonymous owner bumps, as the node names it. */
    private static final String GENERATION_KEY = new CacheKeys(TodoReadCache.NAMES).generation(Owner.ANONYMOUS.id());
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java ScaleProbe.java http://node redis-port misses hits");
            System.exit(2);
        }
        String node = args[0];
        URI page = URI.create(node + "/todo");
        int redisPort = Integer.parseInt(args[1]);
        int misses = Integer.parseInt(args[2]);
        int hits = Integer.parseInt(args[3]);

        try (Socket redis = new Socket("127.0.0.1", redisPort)) {
            // Warm the connection, the node's hit path and its miss path at this size; not counted.
            for (int i = 0; i < Math.max(200, hits / 2); i++) {
                get(page);
            }
            for (int i = 0; i < Math.max(3, misses / 4); i++) {
                incr(redis, GENERATION_KEY);
                get(page);
            }
            double[] loadsBefore = loads(node);
            List<Long> missNanos = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < misses; i++) {
                incr(redis, GENERATION_KEY);
                long started = System.nanoTime();
                bytes = get(page);
                missNanos.add(System.nanoTime() - started);
            }
            double[] loadsAfterMisses = loads(node);
            List<Long> hitNanos = new ArrayList<>();
            for (int i = 0; i < hits; i++) {
                long started = System.nanoTime();
                get(page);
                hitNanos.add(System.nanoTime() - started);
            }
            double[] loadsAfterHits = loads(node);

            long missLoads = Math.round(loadsAfterMisses[0] - loadsBefore[0]);
            long hitLoads = Math.round(loadsAfterHits[0] - loadsAfterMisses[0]);
            double loadMillis = missLoads == 0 ? 0 : (loadsAfterMisses[1] - loadsBefore[1]) * 1000 / missLoads;
            print("misses", misses);
            print("miss_p50_ms", millis(percentile(missNanos, 50)));
            print("miss_p99_ms", millis(percentile(missNanos, 99)));
            print("miss_max_ms", millis(Collections.max(missNanos)));
            print("miss_load_mean_ms", String.format(Locale.ROOT, "%.2f", loadMillis));
            print("miss_loads", missLoads);
            print("hits", hits);
            print("hit_p50_ms", millis(percentile(hitNanos, 50)));
            print("hit_p99_ms", millis(percentile(hitNanos, 99)));
            print("hit_max_ms", millis(Collections.max(hitNanos)));
            print("hit_loads", hitLoads);
            print("page_bytes", bytes);
            if (missLoads != misses || hitLoads != 0) {
                System.err.println("ScaleProbe: expected " + misses + " store loads for the misses and none for the"
                        + " hits, the node made " + missLoads + " and " + hitLoads);
                System.exit(1);
            }
        }
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            System.err.println("ScaleProbe: GET " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
            System.exit(1);
        }
        return response.body().length;
    }

    /** The node's store loads so far: todo_cache_loads_seconds count and sum. */
    private static double[] loads(String node) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        double count = 0;
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("todo_cache_loads_seconds_count")) {
                count += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("todo_cache_loads_seconds_sum")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new double[] {count, sum};
    }

    /** INCR over RESP, on one connection; returns once Redis has answered. */
    private static void incr(Socket redis, String key) throws IOException {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        OutputStream out = redis.getOutputStream();
        out.write(("*2\r\n$4\r\nINCR\r\n$" + name.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(name);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = redis.getInputStream();
        StringBuilder reply = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            reply.append((char) c);
        }
        if (reply.charAt(0) != ':') {
            throw new IOException("Redis answered INCR with " + reply);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
