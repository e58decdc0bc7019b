import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Cross-node visibility of a write, for bench/run (run as a single source file: `java bench/CrossNodeVisibility.java
 * http://127.0.0.1:8100 http://127.0.0.1:8101 200`). Each round: read the first page on node B twice (so B holds it
 * in its L1), create a todo on node A, and as soon as A's 2xx is in, read the first page on B and look for the new
 * todo. Prints key=value lines: the fraction seen on B's first read, the time from A's 2xx to B's answer (p50, p99,
 * max), B's cached read before the write for comparison, and for any miss how long until B showed it.
 * Exit status 0 when every round ran (visibility itself is reported, not asserted), 1 on an HTTP error.
 */
public final class CrossNodeVisibility {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java CrossNodeVisibility.java http://nodeA http://nodeB rounds");
            System.exit(2);
        }
        URI a = URI.create(args[0] + "/todo");
        URI b = URI.create(args[1] + "/todo");
        int rounds = Integer.parseInt(args[2]);
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<Long> delays = new ArrayList<>();
        List<Long> cachedReads = new ArrayList<>();
        List<Long> lateDelays = new ArrayList<>();
        int seenFirst = 0;
        int neverSeen = 0;
        // Warm both nodes' connections and code paths; not counted.
        for (int i = 0; i < 300; i++) {
            get(a);
            get(b);
        }
        for (int round = 0; round < rounds; round++) {
            get(b);
            long cachedStart = System.nanoTime();
            get(b);
            cachedReads.add(System.nanoTime() - cachedStart);

            String content = "visibility " + run + " " + round;
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(a)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "content=" + URLEncoder.encode(content, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long acknowledged = System.nanoTime();
            if (created.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST on A answered " + created.statusCode() + ": " + created.body());
            }
            String page = get(b);
            long answered = System.nanoTime();
            delays.add(answered - acknowledged);
            if (page.contains(content)) {
                seenFirst++;
                continue;
            }
            // Not there on the first read: by design this should not happen; measure how long until it is.
            long deadline = acknowledged + Duration.ofSeconds(10).toNanos();
            boolean seen = false;
            while (System.nanoTime() < deadline) {
                Thread.sleep(1);
                if (get(b).contains(content)) {
                    seen = true;
                    break;
                }
            }
            if (seen) {
                lateDelays.add(System.nanoTime() - acknowledged);
            } else {
                neverSeen++;
            }
        }
        System.out.println("rounds=" + rounds);
        System.out.println("seen_first=" + seenFirst);
        System.out.println("never_seen=" + neverSeen);
        System.out.println("delay_p50_ms=" + ms(percentile(delays, 50)));
        System.out.println("delay_p99_ms=" + ms(percentile(delays, 99)));
        System.out.println("delay_max_ms=" + ms(percentile(delays, 100)));
        System.out.println("cached_read_p50_ms=" + ms(percentile(cachedReads, 50)));
        System.out.println("cached_read_p99_ms=" + ms(percentile(cachedReads, 99)));
        System.out.println("late_seen=" + lateDelays.size());
        System.out.println("late_p50_ms=" + (lateDelays.isEmpty() ? "-" : ms(percentile(lateDelays, 50))));
        System.out.println("late_max_ms=" + (lateDelays.isEmpty() ? "-" : ms(percentile(lateDelays, 100))));
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Nearest-rank percentile; 100 is the maximum. */
    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
