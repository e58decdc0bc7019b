package todoservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import todoservice.config.JobSettings;
import todoservice.dev.LoopbackPorts;
import todoservice.testing.MutableClock;

/**
 * An attempt's own view of its claim, with a clock the test moves. Its Redis is a port nothing listens on: any
 * write or renewal the attempt tries fails loudly, so an attempt that must stay silent is seen to.
 */
class RunningJobTest {

    private static final Duration VISIBILITY = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock();
    private UnifiedJedis unreachable;
    private RunningJob running;

    @BeforeEach
    void start() {
        unreachable = JobRedis.connect(URI.create("redis://127.0.0.1:" + LoopbackPorts.free()), 1);
        JobSettings settings = new JobSettings(Optional.empty(), false, 1, VISIBILITY, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofSeconds(1), 1 << 20, 100);
        JobDeliveries deliveries = new JobDeliveries(unreachable, settings, clock, "worker-a");
        running = new RunningJob(new Attempt(job(), "1-0", 1), deliveries, clock, VISIBILITY);
    }

    @AfterEach
    void stop() {
        unreachable.close();
    }

    @Test
    void aJobKeepsRunningThroughItsCheckpointsWithinTheVisibilityTimeout() {
        clock.advance(VISIBILITY.minusMillis(1));
        assertThatCode(running::checkpoint).doesNotThrowAnyException();
        clock.advance(Duration.ofMillis(1));
        assertThatCode(running::checkpoint).as("exactly at the timeout").doesNotThrowAnyException();
        assertThat(running.isLost()).isFalse();
    }

    @Test
    void aProgressWriteTheQueuesRedisDoesNotTakeStopsTheAttemptToBeHandedBackNotFailed() {
        assertThatThrownBy(() -> running.progress(100, 1000, 100)).isInstanceOfSatisfying(JobStopped.class,
                stopped -> assertThat(stopped.reason()).isEqualTo(JobStopped.Reason.QUEUE_UNAVAILABLE));
        assertThat(running.isLost()).as("the claim itself is not known to be lost").isFalse();
    }

    @Test
    void aWorkerPausedPastTheVisibilityTimeoutStopsAtItsNextCheckpointAsHavingLostTheJob() {
        clock.advance(VISIBILITY.plusMillis(1));

        assertThatThrownBy(running::checkpoint).isInstanceOfSatisfying(JobStopped.class,
                stopped -> assertThat(stopped.reason()).isEqualTo(JobStopped.Reason.CLAIM_LOST));
        assertThat(running.isLost()).isTrue();
    }

    @Test
    void aPausedWorkerThatLostItsJobNeverRenewsTheClaimAgain() {
        assertThatThrownBy(running::renew).as("before the pause a renewal goes to Redis")
                .isInstanceOf(JedisException.class);
        clock.advance(VISIBILITY.plusSeconds(5));
        assertThatThrownBy(running::checkpoint).isInstanceOf(JobStopped.class);

        assertThatCode(running::renew).as("a lost claim is not renewed: Redis is not even asked")
                .doesNotThrowAnyException();
        assertThatThrownBy(running::checkpoint).as("and the attempt stays stopped")
                .isInstanceOfSatisfying(JobStopped.class,
                        stopped -> assertThat(stopped.reason()).isEqualTo(JobStopped.Reason.CLAIM_LOST));
    }

    @Test
    void aPausedWorkerWritesNoProgressOnceItsClaimHasExpired() {
        clock.advance(VISIBILITY.plusMillis(1));

        assertThatThrownBy(() -> running.progress(5, 10, 5)).as("stops before any write is tried")
                .isInstanceOfSatisfying(JobStopped.class,
                        stopped -> assertThat(stopped.reason()).isEqualTo(JobStopped.Reason.CLAIM_LOST));
    }

    @Test
    void aHeartbeatThatCannotReachRedisDoesNotExtendTheClaim() {
        clock.advance(VISIBILITY.minusSeconds(1));
        assertThatThrownBy(running::renew).isInstanceOf(JedisException.class);
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(running::checkpoint).isInstanceOfSatisfying(JobStopped.class,
                stopped -> assertThat(stopped.reason()).isEqualTo(JobStopped.Reason.CLAIM_LOST));
    }

    @Test
    void aStoppingWorkerStopsItsJobAtTheNextCheckpointToHandItBack() {
        assertThatCode(running::checkpoint).doesNotThrowAnyException();
        running.handBackAtNextCheckpoint();

        assertThatThrownBy(running::checkpoint).isInstanceOfSatisfying(JobStopped.class,
                stopped -> assertThat(stopped.reason()).isEqualTo(JobStopped.Reason.SHUTDOWN));
        assertThat(running.isLost()).as("handing back is not losing the claim").isFalse();
    }

    @Test
    void aJobThatLostItsClaimIsNotHandedBackEither() {
        running.handBackAtNextCheckpoint();
        clock.advance(VISIBILITY.plusMillis(1));

        assertThatThrownBy(running::checkpoint).isInstanceOfSatisfying(JobStopped.class,
                stopped -> assertThat(stopped.reason()).isEqualTo(JobStopped.Reason.CLAIM_LOST));
    }

    @Test
    void theHandlerSeesTheJobItWasGiven() {
        assertThat(running.job().id()).isEqualTo("65f000000000000000000001");
        assertThat(running.resumeFrom()).as("where the previous attempt got to").isEqualTo(40);
    }

    private Job job() {
        Instant now = clock.instant();
        return new Job("65f000000000000000000001", "alice", "test.noop", Map.of(), JobState.RUNNING, 40,
                100, 2, Optional.empty(), Optional.empty(), Optional.empty(), false, 40, "fp", now, now);
    }
}
