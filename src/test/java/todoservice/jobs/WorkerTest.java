package todoservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import todoservice.config.JobSettings;
import todoservice.dev.LoopbackPorts;
import todoservice.ops.Sleeper;
import todoservice.testing.MutableClock;

/**
 * The worker's own timing, on time the test controls: its pauses go to a fake sleeper that moves the clock instead
 * of waiting, and its threads come from a factory that never starts them (the test runs the poller's loop itself).
 * Its Redis is a port nothing listens on, so every Redis call fails at once, as in an outage.
 */
class WorkerTest {

    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Duration> pauses = new ArrayList<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private Runnable onPause = () -> { };
    private UnifiedJedis unreachable;
    private JobDeliveries deliveries;
    private Worker worker;

    @BeforeEach
    void start() {
        unreachable = JobRedis.connect(URI.create("redis://127.0.0.1:" + LoopbackPorts.free()), 1);
        JobSettings settings = new JobSettings(Optional.empty(), false, 1, VISIBILITY, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofSeconds(1), 1 << 20, 100);
        deliveries = new JobDeliveries(unreachable, settings, clock, "worker-a");
        Sleeper sleeper = pause -> {
            pauses.add(pause);
            clock.advance(pause);
            nanos.addAndGet(pause.toNanos());
            onPause.run();
        };
        worker = new Worker(deliveries, List.of(new Succeeds()), settings, new Backoff(Duration.ofSeconds(1),
                Duration.ofSeconds(10), () -> 0.5), clock, this::unstarted, nanos::get, sleeper);
    }

    @AfterEach
    void stop() {
        worker.close();
        unreachable.close();
    }

    @Test
    void theWorkerTakesItsThreadsFromTheInjectedSourceUnderTheirRoleNames() {
        assertThat(threads).as("made so far: the poller; the pools make theirs on first use").containsOnlyKeys(
                "jobs-poll");
        assertThat(threads.get("jobs-poll").isAlive()).as("not started before start()").isFalse();
    }

    @Test
    void anAttemptWhoseEndCannotBeWrittenGivesUpOnceItsClaimHasExpiredByTheClock() {
        RunningJob job = running();
        AttemptOutcome succeeded = AttemptOutcome.of(new Succeeds(), job);
        Instant before = clock.instant();

        worker.record(job, succeeded, Duration.ofMillis(5));

        // A write every second of fake time, while the claim can still be ours: 30 s of them, then the 31st
        // second's write also fails and the worker leaves the entry to be reclaimed.
        assertThat(pauses).hasSize(31).containsOnly(PAUSE);
        assertThat(Duration.between(before, clock.instant())).isGreaterThan(VISIBILITY);
    }

    @Test
    void anAttemptThatLostItsClaimWritesNothingAndDoesNotWait() {
        RunningJob job = running();
        clock.advance(VISIBILITY.plusMillis(1)); // paused past the claim: the handler stops at its checkpoint
        AttemptOutcome lost = AttemptOutcome.of(new Succeeds(), job);

        worker.record(job, lost, Duration.ofMillis(5));

        assertThat(lost.lostClaim()).isTrue();
        assertThat(pauses).as("no write tried, so no failure to wait after").isEmpty();
    }

    @Test
    void thePollerPausesAfterEachRedisFailureInsteadOfSpinning() {
        onPause = () -> {
            if (pauses.size() == 3) {
                worker.stop(); // the poller's loop ends at its next check, here on the test's thread
            }
        };

        threads.get("jobs-poll").run();

        assertThat(pauses).containsExactly(PAUSE, PAUSE, PAUSE);
    }

    private RunningJob running() {
        return new RunningJob(new Attempt(job(), "1-0", 1), deliveries, clock, VISIBILITY);
    }

    /** A factory per role whose threads are recorded and never started by the test. */
    private ThreadFactory unstarted(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            threads.put(name, thread);
            return thread;
        };
    }

    private Job job() {
        Instant now = clock.instant();
        return new Job("65f000000000000000000001", "alice", "test.succeeds", Map.of(), JobState.RUNNING,
                0, 0, 1, Optional.empty(), Optional.empty(), Optional.empty(), false, 0, "fp", now, now);
    }

    private static final class Succeeds implements JobHandler {
        @Override
        public String type() {
            return "test.succeeds";
        }

        @Override
        public JobResult run(JobContext context) {
            return JobResult.report("{}");
        }
    }
}
