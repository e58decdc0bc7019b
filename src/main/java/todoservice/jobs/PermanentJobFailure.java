package todoservice.jobs;

/** A failure no retry can fix (a missing upload, an unreadable file): the job fails at once, with this message. */
public final class PermanentJobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PermanentJobFailure(String message) {
        super(message);
    }
}
