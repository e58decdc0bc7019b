package todoservice.jobs;

/**
 * What a running {@link JobHandler} sees of its attempt. Every write goes to the job's record with the attempt's
 * fencing token: when it is refused the attempt lost its claim and stops.
 */
public interface JobContext {

    Job job();

    /**
     * Records progress and where to resume ({@code checkpoint}, the handler's own measure, e.g. rows done) after
     * this point's effects are durable; stops the attempt (throws {@link JobStopped}) when it must end.
     */
    void progress(long done, long total, long checkpoint);

    /** Stops the attempt (throws {@link JobStopped}) when it was cancelled, lost its claim or must hand back. */
    void checkpoint();

    /** Where an earlier attempt got to: its last recorded checkpoint, 0 for a first attempt. */
    default long resumeFrom() {
        return job().checkpoint();
    }
}
