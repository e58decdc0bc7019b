package todoservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import todoservice.auth.Owner;
import todoservice.config.ConfigReader;
import todoservice.config.ConfigSource;
import todoservice.config.JobSettings;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.EmbeddedRedis;
import todoservice.it.Http;
import todoservice.it.Jobs;
import todoservice.it.Poll;
import todoservice.it.TestServer;
import todoservice.jobs.TestWorkerMain.SleepJob;
import todoservice.jobs.WorkerProcesses.WorkerProcess;
import todoservice.redis.CircuitBreaker;

/**
 * The queue's promises at the level of processes: real worker processes ({@link TestWorkerMain}) killed, paused
 * and stopped under a web application that only queues ({@code JOBS_RUN_IN_APP=false}). Each test has its own
 * MongoDB, Redis and application.
 */
class WorkerProcessIT {

    private static final Duration VISIBILITY = Duration.ofSeconds(2);
    private static final Duration JOB_LIMIT = Duration.ofSeconds(120);
    private static final Duration STEP_LIMIT = Duration.ofSeconds(60);
    private static final int IMPORT_ROWS = 10_000;

    @RegisterExtension
    final WorkerProcesses workers = new WorkerProcesses();

    private EmbeddedMongo mongo;
    private EmbeddedRedis redis;
    private TestServer server;
    private Http http;
    private UnifiedJedis redisClient;
    private JobQueue queue;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        redis = EmbeddedRedis.start(0);
        server = TestServer.start("", Map.of("MONGODB_URI", mongo.uri("todo"), "REDIS_URI", redis.uri(),
                "JOBS_RUN_IN_APP", "false"));
        http = new Http(server);
        redisClient = JobRedis.connect(URI.create(redis.uri()), 4);
        JobSettings settings = ConfigReader.read(ConfigSource.of(Map.of())).jobs();
        queue = new JobQueue(redisClient, settings, Clock.systemUTC(),
                new CircuitBreaker(Clock.systemUTC(), Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        workers.killAll();
        if (redisClient != null) {
            redisClient.close();
        }
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.stop();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    void anImportWhoseWorkerIsKilledMidwayIsFinishedByAnotherWorkerWithEveryTodoStoredOnce() {
        // One slot each: the survivor must reclaim with the slot its poller holds.
        Map<String, String> env = workerEnv(Map.of("JOBS_IMPORT_BATCH_SIZE", "100", "JOBS_CONCURRENCY", "1"));
        List<WorkerProcess> both = List.of(workers.start("a", env), workers.start("b", env));
        String ndjson = IntStream.range(0, IMPORT_ROWS).mapToObj(i -> "{\"content\":\"item " + i + "\"}\n")
                .collect(Collectors.joining());

        String job = Jobs.location(http.send("POST", "/todo/import", HttpRequest.BodyPublishers.ofString(ndjson),
                "Content-Type", "application/x-ndjson"));
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        boolean midway = Poll.until(STEP_LIMIT, () -> {
            seen.set(http.get(job).json());
            return seen.get().get("progress").get("done").asLong() > 0 || ended(seen.get());
        });
        assertThat(midway && !ended(seen.get())).as("the import got under way; last seen %s", seen.get()).isTrue();
        WorkerProcess holder = holderOfTheOnlyPendingEntry(both);
        holder.kill();
        long killedAt = System.nanoTime();

        JsonNode atKill = http.get(job).json();
        assertThat(atKill.get("state").asText()).as("the job at the kill: %s", atKill).isEqualTo("running");
        assertThat(atKill.get("progress").get("done").asLong()).as("the job at the kill: %s", atKill)
                .isGreaterThan(0).isLessThan(IMPORT_ROWS);
        long[] reclaimedAfter = {-1};
        JsonNode end = awaitEnd(job, node -> {
            if (reclaimedAfter[0] < 0 && node.get("attempts").asInt() >= 2) {
                reclaimedAfter[0] = (System.nanoTime() - killedAt) / 1_000_000;
            }
        });
        long recovery = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.println("recovery: kill -9 at " + atKill.get("progress").get("done") + "/" + IMPORT_ROWS
                + " rows -> succeeded in " + recovery + " ms (another worker took it over after "
                + reclaimedAfter[0] + " ms); JOBS_VISIBILITY_TIMEOUT=" + VISIBILITY.toMillis() + " ms");

        assertThat(end.get("state").asText()).as("job %s", end).isEqualTo("succeeded");
        assertThat(end.get("attempts").asInt()).as("job %s", end).isGreaterThanOrEqualTo(2);
        JsonNode report = http.get(job + "/result").json();
        assertThat(report.get("imported").asLong()).as("report %s", report).isEqualTo(IMPORT_ROWS);
        assertEveryRowStoredOnce();
    }

    @Test
    void aJobLongerThanTheVisibilityTimeoutRunsOnceWhileItsWorkerIsAlive() {
        Map<String, String> env = workerEnv(Map.of());
        workers.start("a", env);
        workers.start("b", env);

        String id = sleepJob(Duration.ofMillis(VISIBILITY.toMillis() * 3 + 1000));
        JsonNode end = awaitEnd("/jobs/" + id, node -> { });

        assertThat(end.get("state").asText()).as("job %s", end).isEqualTo("succeeded");
        assertThat(end.get("attempts").asInt()).as("job %s", end).isEqualTo(1);
        assertThat(runs(id)).hasSize(1);
        assertThat(queue.stats().total("reclaims")).isZero();
    }

    @Test
    void aWorkerFrozenPastTheTimeoutLosesTheJobAndWritesNothingOverTheWorkerThatTookItOver() {
        Map<String, String> env = workerEnv(Map.of());
        List<WorkerProcess> both = List.of(workers.start("a", env), workers.start("b", env));
        String id = sleepJob(Duration.ofSeconds(12));
        awaitRuns(id, 1);
        WorkerProcess frozen = runner(both, runs(id).get(0));
        WorkerProcess other = both.get(both.get(0) == frozen ? 1 : 0);
        awaitProgressBy(id, runs(id).get(0));

        frozen.pause();
        long pausedAt = System.currentTimeMillis();
        awaitRuns(id, 2);
        String takeover = runs(id).get(1);
        assertThat(runner(both, takeover)).as("the attempt that took over, %s", takeover).isSameAs(other);
        awaitProgressBy(id, takeover);
        long frozenFor = System.currentTimeMillis() - pausedAt;
        frozen.resume();
        // The claim expires a visibility timeout after its last renewal, which came up to one renewal period
        // before the pause: the takeover may come that much earlier than a full timeout after it, never sooner.
        long renewEvery = VISIBILITY.toMillis() / 3;
        assertThat(frozenFor).as("the worker was frozen for longer than the visibility timeout since its last renewal")
                .isGreaterThan(VISIBILITY.toMillis() - renewEvery);
        assertThat(Poll.until(STEP_LIMIT, () -> frozen.log().contains("lost its claim")))
                .as("%s noticed it lost the job; its log:%n%s", frozen, frozen.log()).isTrue();
        JsonNode end = awaitEnd("/jobs/" + id, node -> { });

        assertThat(end.get("state").asText()).as("job %s", end).isEqualTo("succeeded");
        assertThat(end.get("attempts").asInt()).as("job %s", end).isEqualTo(2);
        assertThat(http.get("/jobs/" + id + "/result").json().get("attempt").asText()).isEqualTo(takeover);
        assertThat(progressWritesBegunAfter(id, runs(id).get(0), pausedAt))
                .as("progress the frozen worker wrote after it woke").isEmpty();
        assertThat(frozen.isAlive()).as("%s carries on after losing the job", frozen).isTrue();
    }

    @Test
    void aWorkerStoppedWithSigtermHandsItsLongJobBackAndAnotherWorkerFinishesIt() {
        // A long timeout: taking the job over by reclaiming it would take half a minute; handing it back does not.
        Duration visibility = Duration.ofSeconds(30);
        Map<String, String> env = workerEnv(Map.of("JOBS_SHUTDOWN_GRACE", "1s",
                "JOBS_VISIBILITY_TIMEOUT", visibility.toSeconds() + "s"));
        List<WorkerProcess> both = List.of(workers.start("a", env), workers.start("b", env));
        String id = sleepJob(Duration.ofSeconds(20));
        awaitRuns(id, 1);
        WorkerProcess stopping = runner(both, runs(id).get(0));
        WorkerProcess other = both.get(both.get(0) == stopping ? 1 : 0);

        long terminatedAt = System.nanoTime();
        stopping.terminate();
        assertThat(stopping.awaitExit(STEP_LIMIT)).as("%s exited by itself after SIGTERM", stopping).isTrue();
        long exitedAfter = (System.nanoTime() - terminatedAt) / 1_000_000;
        awaitRuns(id, 2);
        long restartedAfter = (System.nanoTime() - terminatedAt) / 1_000_000;
        System.out.println("SIGTERM: the worker exited after " + exitedAfter + " ms; another worker restarted the"
                + " job after " + restartedAfter + " ms (JOBS_SHUTDOWN_GRACE=1s, JOBS_VISIBILITY_TIMEOUT="
                + visibility.toSeconds() + "s)");
        JsonNode end = awaitEnd("/jobs/" + id, node -> { });

        assertThat(stopping.log()).contains("handed back");
        assertThat(runner(both, runs(id).get(1))).isSameAs(other);
        assertThat(end.get("state").asText()).as("job %s", end).isEqualTo("succeeded");
        assertThat(queue.stats().total("reclaims")).as("taken over by reclaiming").isZero();
    }

    @Test
    void aWorkerStoppedWithSigtermFinishesAJobShorterThanItsGraceBeforeItExits() {
        WorkerProcess worker = workers.start("a", workerEnv(Map.of("JOBS_SHUTDOWN_GRACE", "30s")));
        String id = sleepJob(Duration.ofSeconds(4));
        awaitRuns(id, 1);
        assertThat(queue.find(Owner.ANONYMOUS.id(), id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        worker.terminate();
        assertThat(worker.awaitExit(STEP_LIMIT)).as("%s exited by itself after SIGTERM", worker).isTrue();

        Job job = queue.find(Owner.ANONYMOUS.id(), id).orElseThrow();
        assertThat(job.state()).as("job %s when its worker had exited", job).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(runs(id)).hasSize(1);
    }

    @Test
    void whileRedisIsDownJobRequestsAnswer503AndStoreNothingAndTheWorkerResumesWhenRedisReturns() {
        WorkerProcess worker = workers.start("a", workerEnv(Map.of()));
        Jobs.awaitSuccess(http, http.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody()));
        long filesBefore = count("job_files.files");
        long chunksBefore = count("job_files.chunks");

        redis.stop();
        Http.Reply export = http.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody());
        Http.Reply upload = http.send("POST", "/todo/import",
                HttpRequest.BodyPublishers.ofString("{\"content\":\"while redis is down\"}\n"),
                "Content-Type", "application/x-ndjson");

        assertThat(export.status()).as("export: %s", export.body()).isEqualTo(503);
        assertThat(export.header("Retry-After")).isPresent();
        assertThat(upload.status()).as("import: %s", upload.body()).isEqualTo(503);
        assertThat(upload.header("Retry-After")).isPresent();
        assertThat(count("job_files.files")).as("GridFS files after the refused import").isEqualTo(filesBefore);
        assertThat(count("job_files.chunks")).as("GridFS chunks after the refused import").isEqualTo(chunksBefore);
        assertThat(Poll.until(STEP_LIMIT, () -> worker.log().contains("Redis unavailable")))
                .as("%s noticed the outage", worker).isTrue();
        Poll.pause(VISIBILITY.multipliedBy(2)); // an outage longer than the visibility timeout

        redis.start();
        AtomicReference<Http.Reply> accepted = new AtomicReference<>();
        int[] refused = {0};
        assertThat(Poll.until(STEP_LIMIT, () -> {
            accepted.set(http.send("POST", "/todo/export", HttpRequest.BodyPublishers.noBody()));
            refused[0] += accepted.get().status() == 503 ? 1 : 0;
            return accepted.get().status() != 503;
        })).as("the application queues jobs again; last answer %s", accepted.get()).isTrue();
        System.out.println("Redis restart: " + refused[0] + " request(s) answered 503 before one was queued");
        JsonNode job = Jobs.awaitEnd(http, Jobs.location(accepted.get()), JOB_LIMIT);

        assertThat(job.get("state").asText()).as("job %s", job).isEqualTo("succeeded");
        assertThat(worker.isAlive()).as("%s was never restarted", worker).isTrue();
        String log = worker.log();
        assertThat(log.lastIndexOf("Redis reachable again")).as("%s noticed Redis is back", worker)
                .isGreaterThan(log.lastIndexOf("Redis unavailable"));
    }

    private Map<String, String> workerEnv(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of("MONGODB_URI", mongo.uri("todo"), "REDIS_URI", redis.uri(),
                "JOBS_VISIBILITY_TIMEOUT", VISIBILITY.toMillis() + "ms", "JOBS_CONCURRENCY", "2"));
        env.putAll(overrides);
        return env;
    }

    private String sleepJob(Duration length) {
        return queue.enqueue(NewJob.now(Owner.ANONYMOUS.id(), SleepJob.TYPE,
                Map.of(SleepJob.MILLIS, Long.toString(length.toMillis())), Optional.empty(), "sleep")).job().id();
    }

    private static boolean ended(JsonNode job) {
        return Set.of("succeeded", "failed", "cancelled").contains(job.get("state").asText());
    }

    /** Follows the job until it ends, showing each state seen to {@code observer}. */
    private JsonNode awaitEnd(String job, java.util.function.Consumer<JsonNode> observer) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        boolean ended = Poll.until(JOB_LIMIT, () -> {
            last.set(http.get(job).json());
            observer.accept(last.get());
            return ended(last.get());
        });
        assertThat(ended).as("job %s ended within %s; last seen %s", job, JOB_LIMIT, last.get()).isTrue();
        return last.get();
    }

    /** The {@code fence@pid} of each attempt of a {@code test.sleep} job, in the order they started. */
    private List<String> runs(String id) {
        return redisClient.lrange(SleepJob.runs(id), 0, -1);
    }

    private void awaitRuns(String id, int count) {
        assertThat(Poll.until(STEP_LIMIT, () -> runs(id).size() >= count))
                .as("job %s started %d attempt(s); seen %s", id, count, runs(id)).isTrue();
    }

    private void awaitProgressBy(String id, String attempt) {
        assertThat(Poll.until(STEP_LIMIT, () -> redisClient.lrange(SleepJob.progress(id), 0, -1).stream()
                .anyMatch(entry -> entry.startsWith(attempt + ":"))))
                .as("attempt %s of job %s recorded progress", attempt, id).isTrue();
    }

    /** Accepted progress writes of {@code attempt} that it began after {@code millis} (epoch). */
    private List<String> progressWritesBegunAfter(String id, String attempt, long millis) {
        return redisClient.lrange(SleepJob.progress(id), 0, -1).stream()
                .filter(entry -> entry.startsWith(attempt + ":"))
                .filter(entry -> Long.parseLong(entry.substring(entry.lastIndexOf(':') + 1)) > millis)
                .toList();
    }

    private static WorkerProcess runner(List<WorkerProcess> candidates, String attempt) {
        long pid = Long.parseLong(attempt.substring(attempt.indexOf('@') + 1));
        return candidates.stream().filter(worker -> worker.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("attempt " + attempt + " ran in none of " + candidates));
    }

    /** The worker whose consumer (named host-pid-random) holds the stream's only pending entry. */
    private WorkerProcess holderOfTheOnlyPendingEntry(List<WorkerProcess> candidates) {
        Map<String, Long> pending = redisClient.xpending(JobKeys.STREAM, JobKeys.GROUP).getConsumerMessageCount();
        assertThat(pending).as("pending entries by consumer").hasSize(1);
        String consumer = pending.keySet().iterator().next();
        return candidates.stream().filter(worker -> consumer.contains("-" + worker.pid() + "-")).findFirst()
                .orElseThrow(() -> new AssertionError("consumer " + consumer + " is none of " + candidates));
    }

    private long count(String collection) {
        try (MongoClient client = com.mongodb.client.MongoClients.create(mongo.uri("todo"))) {
            return client.getDatabase("todo").getCollection(collection).countDocuments();
        }
    }

    /** Through the API, every page: 10,000 distinct ids; in MongoDB, each row's content exactly once. */
    private void assertEveryRowStoredOnce() {
        Set<String> ids = new HashSet<>();
        int listed = 0;
        String next = null;
        do {
            JsonNode page = http.get("/todo?limit=100" + (next == null ? "" : "&after=" + next)).json();
            for (JsonNode todo : page.get("data")) {
                ids.add(todo.get("id").asText());
                listed++;
            }
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null && listed <= IMPORT_ROWS * 2);
        assertThat(listed).as("todos listed").isEqualTo(IMPORT_ROWS);
        assertThat(ids).as("distinct ids").hasSize(IMPORT_ROWS);

        try (MongoClient client = com.mongodb.client.MongoClients.create(mongo.uri("todo"))) {
            MongoDatabase database = client.getDatabase("todo");
            Map<String, Integer> contents = new HashMap<>();
            for (Document todo : database.getCollection("todos").find()) {
                contents.merge(todo.getString("content"), 1, Integer::sum);
            }
            assertThat(contents.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(IMPORT_ROWS);
            assertThat(contents.keySet()).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, IMPORT_ROWS).mapToObj(i -> "item " + i).toList());
            assertThat(contents.values()).allMatch(count -> count == 1);
        }
    }
}
