package todoservice.jobs;

/** Thrown at a checkpoint: the attempt must stop now, for {@link #reason}. Handlers let it pass. */
public final class JobStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The client cancelled the job. */
        CANCELLED,
        /** The claim expired and another worker may own the job: nothing more may be written. */
        CLAIM_LOST,
        /** The worker is shutting down and hands the job back. */
        SHUTDOWN,
        /**
         * The queue's Redis refused a progress write (full) or did not answer: the job is handed back, and the
         * attempt does not count, since the job did nothing wrong.
         */
        QUEUE_UNAVAILABLE
    }

    private final Reason reason;

    public JobStopped(Reason reason) {
        super("job stopped: " + reason, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
