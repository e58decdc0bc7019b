package todoservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import todoservice.config.JobSettings;
import todoservice.dev.EmbeddedRedis;
import todoservice.it.Poll;
import todoservice.jobs.JobDeliveries.Claim;
import todoservice.jobs.JobDeliveries.Delivery;
import todoservice.jobs.JobQueue.CancelOutcome;
import todoservice.jobs.JobQueue.Submitted;
import todoservice.jobs.JobStopped.Reason;
import todoservice.jobs.RecordingHandlers.Start;
import todoservice.redis.CircuitBreaker;

/**
 * The queue's guarantees against a real redis-server: jobs run at least once and, while their worker lives, only
 * once; a stalled worker cannot overwrite the attempt that took over; failures are retried with growing waits and
 * then dead-lettered; idempotency keys, delays, cancellation, graceful stop and a Redis restart behave as the
 * queue promises. Workers are real {@link Worker}s, or a bare {@link JobDeliveries} where a test plays a worker
 * that dies or stalls at a chosen moment.
 */
class JobQueueIT {

    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration VISIBILITY = Duration.ofSeconds(2);
    /** What two clocks (the queue's and System.nanoTime) may disagree by over a few seconds. */
    private static final long CLOCK_SLACK_MILLIS = 50;

    private static EmbeddedRedis server;

    private final Clock clock = Clock.systemUTC();
    private final List<Worker> workers = new ArrayList<>();
    private final List<UnifiedJedis> clients = new ArrayList<>();
    private RecordingHandlers handlers;
    private boolean serverStopped;
    private UnifiedJedis redis;
    private JobQueue queue;

    @BeforeAll
    static void startRedis() {
        server = EmbeddedRedis.start(0);
    }

    @AfterAll
    static void stopRedis() {
        server.stop();
    }

    @BeforeEach
    void freshQueue() {
        handlers = new RecordingHandlers();
        redis = client(16);
        redis.flushAll();
        queue = new JobQueue(redis, settings(2, VISIBILITY), clock, new CircuitBreaker(clock, Duration.ofSeconds(1)));
    }

    @AfterEach
    void stopEverything() {
        handlers.release();
        workers.forEach(Worker::stop);
        if (serverStopped) {
            server.start();
        }
        clients.forEach(UnifiedJedis::close);
    }

    @Test
    void anEnqueuedJobRunsOnAWorkerAndOnlyItsOwnerSeesTheResult() {
        worker("w1", settings(2, VISIBILITY));
        Submitted submitted = queue.enqueue(
                NewJob.now(ALICE, RecordingHandlers.NOOP, Map.of("colour", "blue"), Optional.empty(), "fp-1"));
        assertThat(submitted.created()).isTrue();
        String id = submitted.job().id();

        Job done = awaitState(id, JobState.SUCCEEDED);

        assertThat(done.result()).contains("{\"ran\":\"" + id + "\"}");
        assertThat(done.resultKind()).contains(JobResult.REPORT);
        assertThat(done.done()).isEqualTo(1);
        assertThat(done.total()).isEqualTo(1);
        assertThat(done.checkpoint()).isEqualTo(1);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.error()).isEmpty();
        assertThat(done.params()).containsExactly(Map.entry("colour", "blue"));
        assertThat(done.fingerprint()).isEqualTo("fp-1");
        assertThat(handlers.startsOf(id)).hasSize(1);
        assertThat(queue.find(BOB, id)).as("another owner's job").isEmpty();
        assertThat(queue.stats().total("count:" + RecordingHandlers.NOOP + ":succeeded")).isEqualTo(1);
    }

    @Test
    void anOwnersRecentJobsAreListedNewestFirstAndNobodyElsesAreAmongThem() {
        String first = enqueue(RecordingHandlers.NOOP);
        String second = enqueue(RecordingHandlers.NOOP);
        String third = enqueue(RecordingHandlers.NOOP);
        String bobs = queue.enqueue(NewJob.now(BOB, RecordingHandlers.NOOP, Map.of(), Optional.empty(), "fp"))
                .job().id();

        assertThat(queue.recent(ALICE, 10)).extracting(Job::id).containsExactly(third, second, first);
        assertThat(queue.recent(ALICE, 2)).extracting(Job::id).containsExactly(third, second);
        assertThat(queue.recent(BOB, 10)).extracting(Job::id).containsExactly(bobs);
        assertThat(queue.find(ALICE, bobs)).isEmpty();
        assertThat(queue.find(ALICE, "not-an-id")).isEmpty();
    }

    @Test
    void aJobTakenByAWorkerThatDiedBeforeStartingItIsRunByALiveWorker() {
        JobSettings singleSlot = settings(1, VISIBILITY);
        JobDeliveries dead = deliveries("dies-before-starting", singleSlot);
        dead.ensureGroup();
        String id = enqueue(RecordingHandlers.NOOP);
        assertThat(dead.read(1, Duration.ofSeconds(1))).extracting(Delivery::jobId).containsExactly(id);
        assertThat(queue.stats().inFlight()).as("held by the dead consumer").isEqualTo(1);

        worker("survivor", singleSlot);

        Job done = awaitState(id, JobState.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(handlers.startsOf(id)).hasSize(1);
        assertThat(queue.stats().inFlight()).isZero();
    }

    @Test
    void theConsumersOfWorkersLongGoneAreForgottenUnlessTheyStillHoldAJob() {
        JobSettings settings = settings(1, VISIBILITY);
        JobDeliveries holding = deliveries("gone-holding-a-job", settings);
        holding.ensureGroup();
        enqueue(RecordingHandlers.NOOP);
        assertThat(holding.read(1, Duration.ofSeconds(1))).hasSize(1);
        // A worker that ended its last job and died: a consumer with nothing pending.
        redis.xgroupCreateConsumer(JobKeys.STREAM, JobKeys.GROUP, "gone-empty-handed");
        JobDeliveries sweeper = deliveries("sweeper", settings);
        Poll.pause(Duration.ofMillis(300));

        assertThat(sweeper.forgetGoneConsumers(Duration.ofMillis(200))).isEqualTo(1);

        assertThat(redis.xinfoConsumers2(JobKeys.STREAM, JobKeys.GROUP))
                .extracting(info -> info.getName()).containsExactly("gone-holding-a-job");
        assertThat(queue.stats().inFlight()).isEqualTo(1);
    }

    @Test
    void aDeadWorkersJobIsTakenOverEvenBehindManyRunningJobs() {
        JobSettings settings = settings(1, VISIBILITY);
        JobDeliveries busy = deliveries("busy", settings);
        JobDeliveries dead = deliveries("dies-before-starting", settings);
        busy.ensureGroup();
        List<Attempt> running = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            enqueue(RecordingHandlers.NOOP);
            running.add(busy.start(busy.read(1, Duration.ofSeconds(1)).get(0)).orElseThrow());
        }
        String orphan = enqueue(RecordingHandlers.NOOP);
        assertThat(dead.read(1, Duration.ofSeconds(1))).extracting(Delivery::jobId).containsExactly(orphan);

        worker("survivor", settings);

        // The busy worker stays alive: it renews its 25 claims, which sit ahead of the orphan's.
        List<Claim> renewals = new ArrayList<>();
        boolean ran = Poll.until(LIMIT, () -> {
            running.forEach(attempt -> renewals.add(busy.renew(attempt)));
            return queue.find(ALICE, orphan).orElseThrow().state() == JobState.SUCCEEDED;
        });
        assertThat(ran).as("the orphan was taken over and run").isTrue();
        assertThat(renewals).containsOnly(Claim.HELD);
        assertThat(running).allSatisfy(attempt -> assertThat(handlers.startsOf(attempt.job().id())).isEmpty());
        assertThat(queue.stats().inFlight()).isEqualTo(running.size());
    }

    @Test
    void aJobWhoseWorkersKeepDyingIsDeadLetteredAfterItsLastAttempt() {
        JobSettings settings = settings(2, Duration.ofSeconds(1));
        String id = enqueue(RecordingHandlers.NOOP);
        JobDeliveries first = deliveries("dies-1", settings);
        first.ensureGroup();
        first.start(first.read(1, Duration.ofSeconds(1)).get(0)).orElseThrow();
        for (int attempt = 2; attempt <= settings.maxAttempts(); attempt++) {
            JobDeliveries next = deliveries("dies-" + attempt, settings);
            assertThat(next.start(reclaimOne(next)).orElseThrow().job().attempts()).isEqualTo(attempt);
        }
        JobDeliveries last = deliveries("finds-it-dead", settings);

        assertThat(last.start(reclaimOne(last))).as("no attempt beyond the last").isEmpty();

        Job failed = queue.find(ALICE, id).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.attempts()).isEqualTo(settings.maxAttempts());
        assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).startsWith("Gave up"));
        List<StreamEntry> dead = redis.xrange(JobKeys.DEAD, "-", "+");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getFields()).containsEntry("job", id).containsEntry("type", RecordingHandlers.NOOP);
        QueueStats stats = queue.stats();
        assertThat(stats.deadLetters()).isEqualTo(1);
        assertThat(stats.total("dead_letters")).isEqualTo(1);
        assertThat(stats.total("reclaims")).isEqualTo(settings.maxAttempts() - 1);
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void aStalledWorkerCannotOverwriteTheAttemptThatTookItsJobOver() {
        JobSettings settings = settings(2, Duration.ofSeconds(1));
        JobDeliveries stalled = deliveries("stalled", settings);
        JobDeliveries successor = deliveries("successor", settings);
        stalled.ensureGroup();
        String id = enqueue(RecordingHandlers.NOOP);
        Attempt a = stalled.start(stalled.read(1, Duration.ofSeconds(1)).get(0)).orElseThrow();
        assertThat(stalled.progress(a, 2, 10, 2)).isEqualTo(Claim.HELD);

        Attempt b = successor.start(reclaimOne(successor)).orElseThrow();

        assertThat(b.fence()).isGreaterThan(a.fence());
        assertThat(b.job().attempts()).isEqualTo(2);
        assertThat(successor.progress(b, 3, 10, 3)).isEqualTo(Claim.HELD);
        assertThat(stalled.progress(a, 9, 10, 9)).isEqualTo(Claim.LOST);
        assertThat(stalled.renew(a)).isEqualTo(Claim.LOST);
        assertThat(stalled.succeed(a, JobResult.report("{\"by\":\"a\"}"), Duration.ofMillis(5))).isFalse();
        assertThat(stalled.fail(a, "a failed", Optional.of(clock.millis()), Duration.ofMillis(5))).isFalse();
        assertThat(stalled.fail(a, "a failed for good", Optional.empty(), Duration.ofMillis(5))).isFalse();
        assertThat(stalled.handBack(a)).isFalse();
        assertThat(stalled.cancelled(a)).isFalse();

        Job meanwhile = queue.find(ALICE, id).orElseThrow();
        assertThat(meanwhile.state()).isEqualTo(JobState.RUNNING);
        assertThat(meanwhile.done()).as("B's progress, not A's").isEqualTo(3);
        assertThat(meanwhile.checkpoint()).isEqualTo(3);
        assertThat(meanwhile.attempts()).isEqualTo(2);
        assertThat(meanwhile.error()).isEmpty();

        assertThat(successor.succeed(b, JobResult.report("{\"by\":\"b\"}"), Duration.ofMillis(5))).isTrue();
        assertThat(stalled.succeed(a, JobResult.report("{\"by\":\"a\"}"), Duration.ofMillis(5))).isFalse();
        Job done = queue.find(ALICE, id).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.result()).contains("{\"by\":\"b\"}");
        QueueStats stats = queue.stats();
        assertThat(stats.total("reclaims")).isEqualTo(1);
        assertThat(stats.deadLetters()).isZero();
        assertThat(stats.delayed()).isZero();
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void aJobLongerThanTheVisibilityTimeoutRunsOnceWhileAnotherWorkerWaitsAlongside() {
        JobSettings settings = settings(2, VISIBILITY);
        worker("w1", settings);
        worker("w2", settings);
        String id = enqueue(RecordingHandlers.SLEEP, Map.of("millis", Long.toString(VISIBILITY.toMillis() * 3 + 1000)));

        Job done = awaitState(id, JobState.SUCCEEDED);

        assertThat(handlers.startsOf(id)).hasSize(1);
        assertThat(handlers.stopsOf(id)).isEmpty();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(queue.stats().total("reclaims")).isZero();
    }

    @Test
    void aJobThatAlwaysFailsIsRetriedWithGrowingWaitsThenDeadLetteredWhileOtherJobsFlow() {
        JobSettings settings = new JobSettings(Optional.empty(), false, 2, VISIBILITY, 4, Duration.ofMillis(400),
                Duration.ofSeconds(4), Duration.ofHours(1), Duration.ofSeconds(1), 1 << 20, 100);
        worker("w1", settings);
        worker("w2", settings);
        String poison = enqueue(RecordingHandlers.POISON);
        List<String> normal = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            normal.add(enqueue(RecordingHandlers.NOOP));
        }
        assertThat(Poll.until(LIMIT, () -> handlers.startsOf(poison).size() >= 2)).isTrue();
        for (int i = 0; i < 5; i++) {
            normal.add(enqueue(RecordingHandlers.NOOP));
        }

        Job failed = awaitState(poison, JobState.FAILED);

        assertThat(failed.attempts()).isEqualTo(settings.maxAttempts());
        // What broke stays in the log: the owner reads that it was our side's, not the exception.
        assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).contains("on our side")
                .doesNotContain("IllegalStateException", "poison"));
        List<Start> starts = handlers.startsOf(poison);
        assertThat(starts).extracting(Start::attempts).containsExactly(1, 2, 3, 4);
        for (int retry = 1; retry < starts.size(); retry++) {
            long ceiling = Math.min(settings.retryMaxDelay().toMillis(),
                    settings.retryBaseDelay().toMillis() << (retry - 1));
            long gap = TimeUnit.NANOSECONDS.toMillis(starts.get(retry).nanos() - starts.get(retry - 1).nanos());
            assertThat(gap).as("wait before retry %d (ceiling %d ms)", retry, ceiling)
                    .isGreaterThanOrEqualTo(ceiling / 2 - CLOCK_SLACK_MILLIS);
        }
        normal.forEach(id -> awaitState(id, JobState.SUCCEEDED));
        List<StreamEntry> dead = redis.xrange(JobKeys.DEAD, "-", "+");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getFields()).containsEntry("job", poison)
                .containsEntry("type", RecordingHandlers.POISON)
                .containsEntry("error", failed.error().orElseThrow());
        QueueStats stats = queue.stats();
        assertThat(stats.deadLetters()).isEqualTo(1);
        assertThat(stats.total("dead_letters")).isEqualTo(1);
        assertThat(stats.total("retries")).isEqualTo(settings.maxAttempts() - 1);
        assertThat(stats.total("count:" + RecordingHandlers.POISON + ":failed")).isEqualTo(settings.maxAttempts());
        assertThat(stats.total("count:" + RecordingHandlers.NOOP + ":succeeded")).isEqualTo(normal.size());
        assertThat(handlers.startsOf(poison)).as("no run after the last").hasSize(settings.maxAttempts());
    }

    @Test
    void aJobOfATypeNoWorkerKnowsFailsAtOnceWithoutRetries() {
        worker("w1", settings(2, VISIBILITY));
        String id = enqueue("test.nobody-knows-this-type");

        Job failed = awaitState(id, JobState.FAILED);

        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.error()).contains("No worker knows job type test.nobody-knows-this-type.");
        assertThat(queue.stats().total("retries")).isZero();
        assertThat(queue.stats().deadLetters()).isEqualTo(1);
    }

    @Test
    void aDelayedJobDoesNotStartBeforeItsTime() {
        worker("w1", settings(2, VISIBILITY));
        Duration delay = Duration.ofSeconds(3);
        long enqueuedAt = System.nanoTime();
        String id = queue.enqueue(new NewJob(ALICE, RecordingHandlers.NOOP, Map.of(), Optional.empty(), "fp", delay))
                .job().id();
        assertThat(queue.find(ALICE, id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(queue.stats().delayed()).isEqualTo(1);

        awaitState(id, JobState.SUCCEEDED);

        List<Start> starts = handlers.startsOf(id);
        assertThat(starts).hasSize(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(0).nanos() - enqueuedAt))
                .isGreaterThanOrEqualTo(delay.toMillis() - CLOCK_SLACK_MILLIS);
        assertThat(queue.stats().delayed()).isZero();
    }

    @Test
    void manySimultaneousSubmissionsWithOneIdempotencyKeyMakeOneJob() throws Exception {
        int submitters = 16;
        CountDownLatch ready = new CountDownLatch(submitters);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(submitters);
        List<Submitted> submitted = new ArrayList<>();
        try {
            List<Future<Submitted>> futures = new ArrayList<>();
            for (int i = 0; i < submitters; i++) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return queue.enqueue(
                            NewJob.now(ALICE, RecordingHandlers.NOOP, Map.of(), Optional.of("import-42"), "fp"));
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<Submitted> future : futures) {
                submitted.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(submitted).extracting(s -> s.job().id()).containsOnly(submitted.get(0).job().id());
        assertThat(submitted).filteredOn(Submitted::created).hasSize(1);
        String id = submitted.get(0).job().id();
        Submitted otherKey = queue.enqueue(
                NewJob.now(ALICE, RecordingHandlers.NOOP, Map.of(), Optional.of("import-43"), "fp"));
        assertThat(otherKey.created()).isTrue();
        assertThat(otherKey.job().id()).isNotEqualTo(id);
        Submitted otherOwner = queue.enqueue(
                NewJob.now(BOB, RecordingHandlers.NOOP, Map.of(), Optional.of("import-42"), "fp"));
        assertThat(otherOwner.created()).as("keys are per owner").isTrue();
        assertThat(otherOwner.job().id()).isNotIn(id, otherKey.job().id());
        assertThat(queue.recent(ALICE, 100)).extracting(Job::id).containsExactlyInAnyOrder(id, otherKey.job().id());
        assertThat(redis.xlen(JobKeys.STREAM)).as("one stream entry per job").isEqualTo(3);
    }

    @Test
    void aQueuedOrDelayedJobThatIsCancelledNeverRuns() {
        String waiting = enqueue(RecordingHandlers.NOOP);
        String delayed = queue.enqueue(new NewJob(ALICE, RecordingHandlers.NOOP, Map.of(), Optional.empty(), "fp",
                Duration.ofSeconds(1))).job().id();

        assertThat(queue.cancel(ALICE, waiting)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(queue.cancel(ALICE, delayed)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(queue.find(ALICE, waiting).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queue.find(ALICE, delayed).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queue.stats().delayed()).isZero();

        worker("w1", settings(2, VISIBILITY));
        // Both come after the cancelled ones: once they ran, the cancelled ones had their chance to run too.
        String behind = enqueue(RecordingHandlers.NOOP);
        String delayedBehind = queue.enqueue(new NewJob(ALICE, RecordingHandlers.NOOP, Map.of(), Optional.empty(),
                "fp", Duration.ofSeconds(1))).job().id();
        awaitState(behind, JobState.SUCCEEDED);
        awaitState(delayedBehind, JobState.SUCCEEDED);

        assertThat(handlers.startsOf(waiting)).isEmpty();
        assertThat(handlers.startsOf(delayed)).isEmpty();
        assertThat(queue.find(ALICE, waiting).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queue.find(ALICE, delayed).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queue.find(ALICE, waiting).orElseThrow().attempts()).isZero();
    }

    @Test
    void aRunningJobThatIsCancelledStopsAtItsNextCheckpoint() {
        worker("w1", settings(2, VISIBILITY));
        String id = enqueue(RecordingHandlers.HOLD);
        awaitState(id, JobState.RUNNING);

        assertThat(queue.cancel(ALICE, id)).isEqualTo(CancelOutcome.REQUESTED);
        assertThat(queue.find(ALICE, id).orElseThrow().cancelRequested()).isTrue();

        Job cancelled = awaitState(id, JobState.CANCELLED);
        assertThat(handlers.stopsOf(id)).containsExactly(Reason.CANCELLED);
        assertThat(handlers.startsOf(id)).hasSize(1);
        assertThat(cancelled.result()).isEmpty();
        assertThat(queue.stats().total("cancelled")).isEqualTo(1);
        assertThat(queue.stats().inFlight()).isZero();
        assertThat(queue.cancel(ALICE, id)).isEqualTo(CancelOutcome.ALREADY_ENDED);
    }

    @Test
    void cancellingAJobThatHasEndedChangesNothing() {
        JobDeliveries deliveries = deliveries("w1", settings(2, VISIBILITY));
        deliveries.ensureGroup();
        String succeeded = enqueue(RecordingHandlers.NOOP);
        String failed = enqueue(RecordingHandlers.NOOP);
        Attempt first = deliveries.start(deliveries.read(1, Duration.ofSeconds(1)).get(0)).orElseThrow();
        assertThat(deliveries.succeed(first, JobResult.report("{}"), Duration.ofMillis(1))).isTrue();
        Attempt second = deliveries.start(deliveries.read(1, Duration.ofSeconds(1)).get(0)).orElseThrow();
        assertThat(deliveries.fail(second, "broken", Optional.empty(), Duration.ofMillis(1))).isTrue();

        assertThat(queue.cancel(ALICE, succeeded)).isEqualTo(CancelOutcome.ALREADY_ENDED);
        assertThat(queue.cancel(ALICE, failed)).isEqualTo(CancelOutcome.ALREADY_ENDED);
        assertThat(queue.find(ALICE, succeeded).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(queue.find(ALICE, succeeded).orElseThrow().cancelRequested()).isFalse();
        assertThat(queue.find(ALICE, failed).orElseThrow().state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void nobodyCanCancelAJobTheyCannotSee() {
        String alices = enqueue(RecordingHandlers.NOOP);

        assertThat(queue.cancel(BOB, alices)).isEqualTo(CancelOutcome.NOT_FOUND);
        assertThat(queue.cancel(ALICE, new ObjectId().toHexString())).isEqualTo(CancelOutcome.NOT_FOUND);
        assertThat(queue.cancel(ALICE, "../../etc")).isEqualTo(CancelOutcome.NOT_FOUND);

        Job untouched = queue.find(ALICE, alices).orElseThrow();
        assertThat(untouched.state()).isEqualTo(JobState.QUEUED);
        assertThat(untouched.cancelRequested()).isFalse();
        assertThat(redis.exists(JobKeys.PREFIX + "job:" + new ObjectId().toHexString())).isFalse();
    }

    @Test
    void aStoppingWorkerHandsItsJobBackSoAnotherWorkerFinishesItWithoutWaitingForTheTimeout() {
        // Reclaiming would take the whole visibility timeout, longer than the wait below allows.
        JobSettings slowReclaim = settings(2, Duration.ofSeconds(40));
        Worker first = worker("first", slowReclaim);
        String id = enqueue(RecordingHandlers.HOLD);
        awaitState(id, JobState.RUNNING);

        first.stop();

        Job handedBack = queue.find(ALICE, id).orElseThrow();
        assertThat(handedBack.state()).isEqualTo(JobState.QUEUED);
        assertThat(handedBack.attempts()).as("the interrupted attempt does not count").isZero();
        assertThat(handlers.stopsOf(id)).containsExactly(Reason.SHUTDOWN);

        handlers.release();
        worker("second", slowReclaim);
        Job done = awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(handlers.startsOf(id)).hasSize(2);
        assertThat(queue.stats().total("reclaims")).isZero();
    }

    @Test
    void aStoppedWorkerTakesNoMoreJobs() {
        JobSettings slowReclaim = settings(2, Duration.ofSeconds(40));
        Worker stopped = worker("stopped", slowReclaim);
        String before = enqueue(RecordingHandlers.NOOP);
        awaitState(before, JobState.SUCCEEDED);

        stopped.stop();
        String after = enqueue(RecordingHandlers.NOOP);
        worker("running", slowReclaim);

        // Had the stopped worker's poller still taken it, it would wait out the 40 s visibility timeout.
        awaitState(after, JobState.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(queue.stats().total("reclaims")).isZero();
    }

    @Test
    void whileRedisIsDownNothingIsEnqueuedAndAfterItReturnsTheWorkerCarriesOn() {
        worker("w1", settings(1, VISIBILITY));
        String warmUp = enqueue(RecordingHandlers.NOOP);
        awaitState(warmUp, JobState.SUCCEEDED);
        // Holds the worker's only slot across the outage; its record is lost with Redis (no persistence).
        String lost = enqueue(RecordingHandlers.HOLD);
        awaitState(lost, JobState.RUNNING);

        server.stop();
        serverStopped = true;
        assertThatThrownBy(() -> enqueue(RecordingHandlers.NOOP)).isInstanceOf(JobQueueUnavailableException.class);
        assertThatThrownBy(() -> queue.recent(ALICE, 10)).isInstanceOf(JobQueueUnavailableException.class);
        assertThatThrownBy(() -> queue.cancel(ALICE, lost)).isInstanceOf(JobQueueUnavailableException.class);
        assertThatThrownBy(queue::stats).isInstanceOf(JobQueueUnavailableException.class);
        assertThat(queue.ping()).isFalse();
        server.start();
        serverStopped = false;

        assertThat(Poll.until(LIMIT, queue::ping)).isTrue();
        assertThat(queue.recent(ALICE, 10)).isEmpty();
        assertThat(redis.xlen(JobKeys.STREAM)).isZero();
        String after = enqueue(RecordingHandlers.NOOP);
        awaitState(after, JobState.SUCCEEDED);
        assertThat(handlers.stopsOf(lost)).containsExactly(Reason.CLAIM_LOST);
        assertThat(handlers.startsOf(after)).hasSize(1);
    }

    @Test
    void anEnqueueThatRedisRefusesToStoreLeavesNothingBehind() {
        redis.configSet("min-replicas-to-write", "1");
        try {
            assertThatThrownBy(() -> queue.enqueue(NewJob.now(ALICE, RecordingHandlers.NOOP, Map.of("a", "b"),
                    Optional.of("key-1"), "fp"))).isInstanceOf(JobQueueUnavailableException.class);
        } finally {
            redis.configSet("min-replicas-to-write", "0");
        }

        assertThat(redis.keys("*")).isEmpty();
        Submitted retried = queue.enqueue(
                NewJob.now(ALICE, RecordingHandlers.NOOP, Map.of("a", "b"), Optional.of("key-1"), "fp"));
        assertThat(retried.created()).as("the key was not taken by the refused attempt").isTrue();
    }

    @Test
    void theStatisticsCountWhatHappenedToTheJobs() {
        JobSettings settings = settings(2, Duration.ofSeconds(1));
        JobDeliveries a = deliveries("a", settings);
        JobDeliveries b = deliveries("b", settings);
        assertThat(queue.stats()).isEqualTo(QueueStats.EMPTY);
        List<String> ids = List.of(enqueue(RecordingHandlers.NOOP), enqueue(RecordingHandlers.NOOP),
                enqueue(RecordingHandlers.NOOP), enqueue(RecordingHandlers.NOOP));
        queue.enqueue(new NewJob(ALICE, RecordingHandlers.NOOP, Map.of(), Optional.empty(), "fp",
                Duration.ofMinutes(1)));
        a.ensureGroup();
        assertStats(4, 1, 0, 0);

        Attempt succeeds = startNext(a, ids.get(0));
        assertStats(3, 1, 1, 0);
        assertThat(a.succeed(succeeds, JobResult.report("{}"), Duration.ofMillis(7))).isTrue();
        assertStats(3, 1, 0, 0);

        Attempt retried = startNext(a, ids.get(1));
        assertThat(a.fail(retried, "boom", Optional.of(clock.millis() + 60_000), Duration.ofMillis(3))).isTrue();
        assertStats(2, 2, 0, 0);

        Attempt dies = startNext(a, ids.get(2));
        assertThat(a.fail(dies, "broken", Optional.empty(), Duration.ofMillis(2))).isTrue();
        assertStats(1, 2, 0, 1);

        startNext(a, ids.get(3));
        Attempt takenOver = b.start(reclaimOne(b)).orElseThrow();
        assertStats(0, 2, 1, 1);
        assertThat(b.succeed(takenOver, JobResult.report("{}"), Duration.ofMillis(5))).isTrue();
        assertStats(0, 2, 0, 1);

        QueueStats stats = queue.stats();
        assertThat(stats.total("retries")).isEqualTo(1);
        assertThat(stats.total("reclaims")).isEqualTo(1);
        assertThat(stats.total("dead_letters")).isEqualTo(1);
        assertThat(stats.total("count:" + RecordingHandlers.NOOP + ":succeeded")).isEqualTo(2);
        assertThat(stats.total("ms:" + RecordingHandlers.NOOP + ":succeeded")).isEqualTo(12);
        assertThat(stats.total("count:" + RecordingHandlers.NOOP + ":failed")).isEqualTo(2);
        assertThat(stats.total("ms:" + RecordingHandlers.NOOP + ":failed")).isEqualTo(5);
    }

    private void assertStats(long depth, long delayed, long inFlight, long deadLetters) {
        QueueStats stats = queue.stats();
        assertThat(List.of(stats.depth(), stats.delayed(), stats.inFlight(), stats.deadLetters()))
                .as("depth, delayed, in flight, dead letters in %s", stats)
                .containsExactly(depth, delayed, inFlight, deadLetters);
    }

    private Attempt startNext(JobDeliveries deliveries, String expectedJob) {
        List<Delivery> read = deliveries.read(1, Duration.ofSeconds(1));
        assertThat(read).extracting(Delivery::jobId).containsExactly(expectedJob);
        return deliveries.start(read.get(0)).orElseThrow();
    }

    /** Waits (for longer than the visibility timeout) until the consumer can take over an idle entry. */
    private static Delivery reclaimOne(JobDeliveries deliveries) {
        AtomicReference<List<Delivery>> reclaimed = new AtomicReference<>(List.of());
        assertThat(Poll.until(LIMIT, () -> !reclaimed.updateAndGet(none -> deliveries.reclaim(1)).isEmpty()))
                .as("an entry was reclaimed").isTrue();
        assertThat(reclaimed.get()).hasSize(1);
        return reclaimed.get().get(0);
    }

    private Job awaitState(String id, JobState state) {
        return awaitState(id, state, LIMIT);
    }

    private Job awaitState(String id, JobState state, Duration limit) {
        AtomicReference<Optional<Job>> last = new AtomicReference<>(Optional.empty());
        boolean reached = Poll.until(limit,
                () -> last.updateAndGet(ignored -> queue.find(ALICE, id)).filter(j -> j.state() == state).isPresent());
        assertThat(reached).as("job %s reached %s within %s; last seen %s", id, state, limit, last.get()).isTrue();
        return last.get().orElseThrow();
    }

    private String enqueue(String type) {
        return enqueue(type, Map.of());
    }

    private String enqueue(String type, Map<String, String> params) {
        return queue.enqueue(NewJob.now(ALICE, type, params, Optional.empty(), "fp")).job().id();
    }

    private Worker worker(String name, JobSettings settings) {
        Worker worker = new Worker(deliveries(name, settings), handlers.all(), settings,
                new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay(),
                        () -> ThreadLocalRandom.current().nextDouble()), clock);
        workers.add(worker);
        worker.start();
        return worker;
    }

    private JobDeliveries deliveries(String consumer, JobSettings settings) {
        return new JobDeliveries(client(8), settings, clock, consumer);
    }

    private UnifiedJedis client(int poolSize) {
        UnifiedJedis client = JobRedis.connect(java.net.URI.create(server.uri()), poolSize);
        clients.add(client);
        return client;
    }

    private static JobSettings settings(int concurrency, Duration visibility) {
        return new JobSettings(Optional.empty(), false, concurrency, visibility, 3, Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofSeconds(1), 1 << 20, 100);
    }
}
