package todoservice.web;

/** The {@code Idempotency-Key} header's syntax, the same on every endpoint that takes one. */
public final class IdempotencyKey {

    public static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /** {@code key} when it is 1 to {@link #MAX_LENGTH} visible ASCII characters; a 400 otherwise. */
    public static String check(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest(
                    "Idempotency-Key must be 1 to " + MAX_LENGTH + " visible ASCII characters.");
        }
        return key;
    }
}
