package todoservice.jobs;

/** The queue's Redis cannot be reached (or refuses writes): nothing was stored, the client may retry. */
public final class JobQueueUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobQueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
