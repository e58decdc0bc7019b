package todoservice.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one attempt came to (a result, a stop at a checkpoint, or a failure) and how that is written to the job's
 * record: succeeded, cancelled, handed back, retried or failed for good. Every write is fenced, so each returns
 * false when a newer attempt owns the job.
 */
final class AttemptOutcome {

    private static final Logger log = LoggerFactory.getLogger(AttemptOutcome.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Optional<JobResult> result;
    private final Optional<JobStopped.Reason> stopped;
    private final Optional<Exception> error;

    private AttemptOutcome(Optional<JobResult> result, Optional<JobStopped.Reason> stopped,
            Optional<Exception> error) {
        this.result = result;
        this.stopped = stopped;
        this.error = error;
    }

    /** Runs {@code handler} (null when no handler knows the type: a failure no retry can fix). */
    static AttemptOutcome of(JobHandler handler, RunningJob job) {
        if (handler == null) {
            return failed(new PermanentJobFailure("No worker knows job type " + job.job().type() + "."));
        }
        try {
            job.checkpoint();
            return new AttemptOutcome(Optional.of(handler.run(job)), Optional.empty(), Optional.empty());
        } catch (JobStopped e) {
            return new AttemptOutcome(Optional.empty(), Optional.of(e.reason()), Optional.empty());
        } catch (Exception e) {
            return failed(e);
        }
    }

    private static AttemptOutcome failed(Exception e) {
        return new AttemptOutcome(Optional.empty(), Optional.empty(), Optional.of(e));
    }

    boolean lostClaim() {
        return stopped.filter(JobStopped.Reason.CLAIM_LOST::equals).isPresent();
    }

    /** Writes the end; {@code retryAt} says when a failed attempt runs again (empty: never). */
    boolean write(Attempt attempt, JobDeliveries deliveries, Duration took, Function<Job, Optional<Long>> retryAt) {
        Job job = attempt.job();
        if (result.isPresent()) {
            log.info("Job {} ({}) succeeded in {} ms, attempt {}", job.id(), job.type(), took.toMillis(),
                    job.attempts());
            return deliveries.succeed(attempt, result.get(), took);
        }
        if (stopped.isPresent()) {
            if (stopped.get() == JobStopped.Reason.CANCELLED) {
                log.info("Job {} ({}) cancelled", job.id(), job.type());
                return deliveries.cancelled(attempt);
            }
            if (stopped.get() == JobStopped.Reason.QUEUE_UNAVAILABLE) {
                log.warn("Job {} ({}) handed back: the queue's Redis did not take its progress", job.id(),
                        job.type());
            } else {
                log.info("Job {} ({}) handed back: the worker is stopping", job.id(), job.type());
            }
            return deliveries.handBack(attempt);
        }
        Exception failure = error.orElseThrow();
        boolean permanent = failure instanceof PermanentJobFailure;
        Optional<Long> again = permanent ? Optional.empty() : retryAt.apply(job);
        String message = describe(failure);
        if (again.isPresent()) {
            log.warn("Job {} ({}) attempt {} failed, retry at {}: {}", job.id(), job.type(), job.attempts(),
                    java.time.Instant.ofEpochMilli(again.get()), failure.toString());
        } else {
            log.warn("Job {} ({}) failed for good after {} attempt(s): {}", job.id(), job.type(), job.attempts(),
                    permanent ? message : failure.toString(), permanent ? null : failure);
        }
        return deliveries.fail(attempt, message, again, took);
    }

    /**
     * The job's {@code error} as its owner reads it: a {@link PermanentJobFailure} speaks to the client already;
     * anything else is our side's, and its class and message (hosts, drivers) stay in the log, found by job id.
     */
    private static String describe(Exception failure) {
        String message = failure instanceof PermanentJobFailure
                ? failure.getMessage()
                : "Something went wrong on our side; quote the job id when reporting it.";
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "…" : message;
    }
}
