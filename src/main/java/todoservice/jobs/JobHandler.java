package todoservice.jobs;

/**
 * The work of one job type. {@link #run} may take long: it reports progress and calls
 * {@link JobContext#checkpoint} between steps, where it stops when the job was cancelled, its claim was lost or
 * the worker is shutting down. A run can be repeated (at-least-once delivery), so its effects must be idempotent.
 */
public interface JobHandler {

    String type();

    /**
     * Does the work. Throwing {@link PermanentJobFailure} fails the job at once; any other exception is retried
     * with backoff until the attempts run out.
     */
    JobResult run(JobContext context) throws Exception;
}
