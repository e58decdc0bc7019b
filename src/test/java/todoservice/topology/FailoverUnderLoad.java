package todoservice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import todoservice.dev.EmbeddedMongo;
import todoservice.it.Http;
import todoservice.it.Jobs;
import todoservice.it.Poll;
import todoservice.it.TestServer;

/**
 * Two app nodes on one Redis topology, under load: GETs on both nodes, a stream of writes alternating between
 * them, and an import running as a job. The primary that holds the job queue is killed with SIGKILL; the test then
 * checks what a user would notice: no GET failed, no acknowledged write went missing, a write on one node is read
 * on the other once the new primary serves, and the import ended once with every record stored exactly once. The
 * figures (errors, seconds each node spent serving without Redis, recovery) go to target/topology-reports.
 */
abstract class FailoverUnderLoad {

    /** The queue's keys share this hash tag: killing its primary stops the queue, the hardest case. */
    private static final String QUEUE_KEY = "jobs:{jobs.v1}:stream";
    private static final int IMPORTED = 20_000;
    private static final int READ_YOUR_WRITES_ROUNDS = 50;

    private final List<AutoCloseable> opened = new ArrayList<>();

    abstract RedisTopology topology();

    abstract String name();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void killingThePrimaryLosesNoGetNoWriteAndNoImport() throws Exception {
        RedisTopology redis = open(topology());
        EmbeddedMongo mongo = open(EmbeddedMongo.inMemory());
        Map<String, String> parameters = Map.of("MONGODB_URI", mongo.uri("todo"), "REDIS_URI", redis.uri(),
                // A claim lost with the killed primary is taken over quickly, and progress is stored often.
                "JOBS_VISIBILITY_TIMEOUT", "3s", "JOBS_IMPORT_BATCH_SIZE", "500",
                // One owner makes all the load: no rate limit or quota stands between it and the Redis under test.
                "RATE_LIMIT_REQUESTS", "0", "QUOTA_TODOS", "0");
        List<Http> nodes = List.of(new Http(open(TestServer.start("", parameters))),
                new Http(open(TestServer.start("", parameters))));
        for (int i = 0; i < 20; i++) {
            assertThat(nodes.get(i % 2).postJson("/todo", "{\"content\": \"seed " + i + "\"}").status())
                    .isEqualTo(201);
        }

        AtomicBoolean loading = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> getStatuses = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refusedWrites = new AtomicInteger();
        List<Outage> outages = List.of(new Outage(), new Outage());
        ExecutorService load = Executors.newFixedThreadPool(7);
        for (int reader = 0; reader < 4; reader++) {
            Http node = nodes.get(reader % 2);
            load.submit(() -> {
                while (loading.get()) {
                    getStatuses.computeIfAbsent(node.get("/todo?limit=20").status(), s -> new AtomicInteger())
                            .incrementAndGet();
                }
            });
        }
        load.submit(() -> {
            for (int i = 0; loading.get(); i++) {
                Http.Reply created = nodes.get(i % 2).postJson("/todo", "{\"content\": \"during " + i + "\"}");
                if (created.status() == 201) {
                    acknowledged.add(created.json().get("id").asText());
                } else {
                    refusedWrites.incrementAndGet();
                }
                Poll.pause(Duration.ofMillis(20));
            }
        });
        for (int i = 0; i < 2; i++) {
            Http node = nodes.get(i);
            Outage outage = outages.get(i);
            load.submit(() -> {
                while (loading.get()) {
                    outage.observe(!usesRedis(node));
                    Poll.pause(Duration.ofMillis(100));
                }
            });
        }

        String importJob = Jobs.location(nodes.get(0).send("POST", "/todo/import",
                HttpRequest.BodyPublishers.ofString(importFile()), "Content-Type", "application/x-ndjson"));
        assertThat(Poll.until(Duration.ofSeconds(60), () -> {
            JsonNode job = nodes.get(0).get(importJob).json();
            return job.at("/progress/done").asLong() > 0 || "succeeded".equals(job.path("state").asText());
        })).as("the import started").isTrue();
        JsonNode beforeKill = nodes.get(0).get(importJob).json();

        // A job acknowledged just before the kill: on Sentinel and Cluster its 202 waited for a replica.
        String exportJob = Jobs.location(nodes.get(1).send("POST", "/todo/export?format=json",
                HttpRequest.BodyPublishers.noBody()));
        long killedAt = System.nanoTime();
        int killed = redis.killPrimaryOf(QUEUE_KEY);
        assertThat(Poll.until(Duration.ofSeconds(60), () -> redis.failedOver(QUEUE_KEY, killed)))
                .as("a replica took over from the killed primary").isTrue();
        double failoverSeconds = seconds(System.nanoTime() - killedAt);

        // Read-your-writes across nodes: a write answered by one node is in the other's next read. It holds once
        // both nodes use Redis again (while a node's breaker is open it serves L1, documented); one probe that
        // succeeds before then proves nothing (the reader may have missed L1 by chance), so recovery is both nodes
        // using Redis and a probe in each direction seen.
        List<Long> roundNanos = new ArrayList<>();
        AtomicLong firstGoodRound = new AtomicLong();
        assertThat(Poll.until(Duration.ofSeconds(60), () -> {
            if (nodes.stream().allMatch(FailoverUnderLoad::usesRedis)
                    && readsOwnWriteAcrossNodes(nodes, 0, "probe") >= 0
                    && readsOwnWriteAcrossNodes(nodes, 1, "probe") >= 0) {
                firstGoodRound.set(System.nanoTime());
                return true;
            }
            return false;
        })).as("a write on one node is read on the other after the failover; last miss: %s", lastMiss).isTrue();
        double recoverySeconds = seconds(firstGoodRound.get() - killedAt);
        for (int round = 0; round < READ_YOUR_WRITES_ROUNDS; round++) {
            long nanos = readsOwnWriteAcrossNodes(nodes, round, "round " + round);
            assertThat(nanos).as("round %d: the write on node %d is in node %d's list: %s", round, round % 2,
                    1 - round % 2, lastMiss).isNotNegative();
            roundNanos.add(nanos);
        }

        JsonNode importEnded = Jobs.awaitEnd(nodes.get(1), importJob, Duration.ofSeconds(120));
        JsonNode exportEnded = Jobs.awaitEnd(nodes.get(0), exportJob, Duration.ofSeconds(120));
        Poll.pause(Duration.ofSeconds(1));
        loading.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        Map<String, String> everything = allTodos(nodes.get(1));
        long imported = everything.values().stream().filter(content -> content.startsWith("imported ")).count();
        Set<String> importedContents = new HashSet<>();
        everything.values().stream().filter(content -> content.startsWith("imported "))
                .forEach(importedContents::add);
        int fiveHundreds = getStatuses.entrySet().stream().filter(entry -> entry.getKey() >= 500)
                .mapToInt(entry -> entry.getValue().get()).sum();
        int gets = getStatuses.values().stream().mapToInt(AtomicInteger::get).sum();

        report(redis, beforeKill, importEnded, exportEnded, failoverSeconds, recoverySeconds, outages, gets, fiveHundreds,
                getStatuses, acknowledged.size(), refusedWrites.get(), roundNanos);

        assertThat(fiveHundreds).as("GETs answered 5xx, of %d: %s", gets, getStatuses).isZero();
        assertThat(gets).as("GETs ran all along").isGreaterThan(100);
        assertThat(everything.keySet()).as("every acknowledged write is stored").containsAll(acknowledged);
        assertThat(importEnded.path("state").asText()).as("import job %s", importEnded).isEqualTo("succeeded");
        assertThat(exportEnded.path("state").asText()).as("the export acknowledged before the kill: %s", exportEnded)
                .isEqualTo("succeeded");
        assertThat(imported).as("each imported record stored once").isEqualTo(IMPORTED);
        assertThat(importedContents).as("no record twice, none missing").hasSize(IMPORTED);
    }

    /** Whether the node's readiness says its cache uses Redis: answering, breaker closed. */
    private static boolean usesRedis(Http node) {
        JsonNode redisCheck = node.get("/health/ready").json().at("/checks/redis");
        return "UP".equals(redisCheck.path("status").asText())
                && "CLOSED".equals(redisCheck.path("breaker").asText());
    }

    /** Why the last read-your-writes round failed, for the assertion's message. */
    private volatile String lastMiss = "";

    /**
     * Nanoseconds from a write sent to one node to its todo in the other node's first page; -1 when absent. The
     * writer alternates with {@code round}.
     */
    private long readsOwnWriteAcrossNodes(List<Http> nodes, int round, String label) {
        int writer = round % 2;
        long start = System.nanoTime();
        Http.Reply created = nodes.get(writer).postJson("/todo", "{\"content\": \"" + label + "\"}");
        if (created.status() != 201) {
            lastMiss = "the write answered " + created.status() + ": " + created.body();
            return -1;
        }
        String id = created.json().get("id").asText();
        Http.Reply page = nodes.get(1 - writer).get("/todo?limit=10");
        if (page.status() != 200) {
            lastMiss = "the read answered " + page.status() + ": " + page.body();
            return -1;
        }
        for (JsonNode todo : page.json().get("data")) {
            if (id.equals(todo.get("id").asText())) {
                return System.nanoTime() - start;
            }
        }
        lastMiss = "todo " + id + " missing from " + page.body();
        return -1;
    }

    private static Map<String, String> allTodos(Http node) {
        Map<String, String> todos = new java.util.LinkedHashMap<>();
        String next = null;
        do {
            Http.Reply page = node.get("/todo?limit=100" + (next == null ? "" : "&after=" + next));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("data").forEach(todo -> todos.put(todo.get("id").asText(), todo.get("content").asText()));
            next = page.json().path("next").isTextual() ? page.json().get("next").asText() : null;
        } while (next != null);
        return todos;
    }

    private static String importFile() {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= IMPORTED; i++) {
            rows.append("{\"content\": \"imported ").append(i).append("\"}\n");
        }
        return rows.toString();
    }

    private void report(RedisTopology redis, JsonNode beforeKill, JsonNode importEnded, JsonNode exportEnded,
            double failoverSeconds,
            double recoverySeconds, List<Outage> outages, int gets, int fiveHundreds, Map<Integer, AtomicInteger> statuses,
            int writes, int refusedWrites, List<Long> roundNanos) throws IOException {
        List<Long> sorted = roundNanos.stream().sorted().toList();
        String text = String.format(Locale.ROOT, String.join("\n",
                "# Failover under load: %s",
                "",
                "Topology: %s. Two app nodes; 4 GET loops, one write every 20 ms, an import of %d records.",
                "",
                "| figure | value |",
                "|---|---|",
                "| import progress when the primary was killed | %s of %s |",
                "| seconds from SIGKILL to a replica serving as primary | %.1f |",
                "| seconds from SIGKILL to read-your-writes across nodes | %.1f |",
                "| seconds node 1 / node 2 served without Redis (breaker open or check failing) | %.1f / %.1f |",
                "| GETs | %d, of which 5xx: %d (statuses %s) |",
                "| writes acknowledged / refused | %d / %d |",
                "| read-your-writes round, p50 / p99 (ms) | %.1f / %.1f |",
                "| import | %s, attempts %s |",
                "| export acknowledged just before the kill | %s |",
                ""), name(), redis.uri(), IMPORTED, beforeKill.at("/progress/done").asText(),
                beforeKill.at("/progress/total").asText(), failoverSeconds, recoverySeconds,
                outages.get(0).seconds(), outages.get(1).seconds(), gets, fiveHundreds, statuses, writes,
                refusedWrites, sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 99 / 100) / 1e6,
                importEnded.path("state").asText(), importEnded.path("attempts").asText("?"),
                exportEnded.path("state").asText());
        System.out.println(text);
        Path reports = Files.createDirectories(Path.of("target", "topology-reports"));
        Files.writeString(reports.resolve(name() + ".md"), text);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    /** How long a node's readiness said Redis was out of use, summed over the polls. */
    private static final class Outage {
        private long since = -1;
        private long totalNanos;

        synchronized void observe(boolean down) {
            long now = System.nanoTime();
            if (down && since < 0) {
                since = now;
            } else if (!down && since >= 0) {
                totalNanos += now - since;
                since = -1;
            }
        }

        synchronized double seconds() {
            return (totalNanos + (since >= 0 ? System.nanoTime() - since : 0)) / 1e9;
        }
    }
}
