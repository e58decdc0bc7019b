package todoservice.jobs;

/**
 * The job queue cannot take or answer a request: nothing was stored. Either no queue is configured (retrying does
 * not help) or its Redis failed, refused, or is skipped by the breaker (the client may retry shortly).
 */
public final class JobQueueUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    private JobQueueUnavailableException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** No queue on this server: the message says so to the client. */
    public static JobQueueUnavailableException notConfigured(String message) {
        return new JobQueueUnavailableException(message, null, false);
    }

    /** The queue's Redis is down, hanging or full; {@code cause} is null when the breaker skipped the call. */
    public static JobQueueUnavailableException unavailable(String message, Throwable cause) {
        return new JobQueueUnavailableException(message, cause, true);
    }

    public boolean retryable() {
        return retryable;
    }
}
