package todoservice.todo;

/** A request the todo rules refuse; {@link Reason} says how, and the web layer turns it into a problem answer. */
public final class TodoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No such todo for this owner (or a malformed id). */
        NOT_FOUND,
        /** The input breaks a rule: blank or too long content, nothing to change, a bad key. */
        INVALID,
        /** A conditional write whose precondition ({@code If-Match}) no longer holds. */
        PRECONDITION_FAILED,
        /** An idempotency key reused with a different request. */
        KEY_REUSED,
        /** A request that cannot be carried out in the todo's current state. */
        CONFLICT
    }

    private final Reason reason;

    public TodoException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static TodoException notFound() {
        return new TodoException(Reason.NOT_FOUND, "There is no such todo.");
    }

    public static TodoException invalid(String message) {
        return new TodoException(Reason.INVALID, message);
    }
}
