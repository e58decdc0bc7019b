package todoservice.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.exceptions.JedisException;
import todoservice.jobs.JobDeliveries.Claim;
import todoservice.jobs.JobStopped.Reason;

/**
 * One attempt while it runs in a {@link Worker}: the flags the worker's heartbeat sets (cancellation asked, claim
 * lost, hand back) and the handler's view of them. Past the visibility timeout without a successful renewal, the
 * attempt counts its claim as lost even before Redis says so: a worker that was paused (GC, SIGSTOP) must not
 * write again until it has proved it still holds the job.
 */
final class RunningJob implements JobContext {

    private final Attempt attempt;
    private final JobDeliveries deliveries;
    private final Clock clock;
    private final Duration visibilityTimeout;
    private volatile long renewedAt;
    private volatile boolean cancelRequested;
    private volatile boolean lost;
    private volatile boolean handBack;

    RunningJob(Attempt attempt, JobDeliveries deliveries, Clock clock, Duration visibilityTimeout) {
        this.attempt = Objects.requireNonNull(attempt, "attempt");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.visibilityTimeout = Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        this.renewedAt = clock.millis();
    }

    Attempt attempt() {
        return attempt;
    }

    @Override
    public Job job() {
        return attempt.job();
    }

    @Override
    public void progress(long done, long total, long checkpoint) {
        checkpoint();
        try {
            observe(deliveries.progress(attempt, done, total, checkpoint));
        } catch (JedisException e) {
            throw new JobStopped(Reason.QUEUE_UNAVAILABLE);
        }
        checkpoint();
    }

    @Override
    public void checkpoint() {
        if (lost || clock.millis() - renewedAt > visibilityTimeout.toMillis()) {
            lost = true;
            throw new JobStopped(Reason.CLAIM_LOST);
        }
        if (cancelRequested) {
            throw new JobStopped(Reason.CANCELLED);
        }
        if (handBack) {
            throw new JobStopped(Reason.SHUTDOWN);
        }
    }

    /** The heartbeat: renews the claim, or learns that it is lost or that the client cancelled. */
    void renew() {
        if (lost) {
            // Never renew a claim this attempt has given up: the entry must go idle so another worker takes it.
            return;
        }
        long before = clock.millis();
        observe(deliveries.renew(attempt));
        if (!lost) {
            renewedAt = before;
        }
    }

    private void observe(Claim claim) {
        if (claim == Claim.LOST) {
            lost = true;
        } else if (claim == Claim.CANCEL_REQUESTED) {
            cancelRequested = true;
        }
    }

    void handBackAtNextCheckpoint() {
        handBack = true;
    }

    boolean isLost() {
        return lost;
    }
}
