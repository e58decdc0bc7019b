package todoservice.auth;

import java.time.Duration;

/**
 * Every password-hashing slot of this node stayed busy for the whole wait: nothing was checked or stored. Answer
 * 503 with {@code Retry-After: retryAfter()} seconds; the client may simply try again.
 */
public final class HashingBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    HashingBusyException(Duration retryAfter) {
        super("Too many passwords are being checked on this node", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
