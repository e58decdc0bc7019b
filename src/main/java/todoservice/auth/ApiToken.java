package todoservice.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import todoservice.ops.Sha256;

/**
 * An API token as clients hold it: {@code todo_} and 43 base64url characters (256 random bits). The prefix makes a
 * leaked token recognisable to secret scanners; the server keeps only {@link #hash()}, which cannot be turned back
 * into the token (a fast hash suffices: the token is random, not a password anyone could guess).
 */
public final class ApiToken {

    public static final String PREFIX = "todo_";
    private static final int RANDOM_BYTES = 32;
    /** Base64url of {@link #RANDOM_BYTES} bytes without padding. */
    private static final int SECRET_CHARS = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    public static ApiToken generate() {
        byte[] secret = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(secret);
        return new ApiToken(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The token in {@code text}, when it has a token's exact shape; nothing is looked up. */
    public static Optional<ApiToken> parse(String text) {
        return hasShape(text) ? Optional.of(new ApiToken(text)) : Optional.empty();
    }

    /** Checked on every authenticated request, so a plain loop rather than a regular expression. */
    private static boolean hasShape(String text) {
        if (text == null || text.length() != PREFIX.length() + SECRET_CHARS || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /** The token itself: shown to its owner once, when it is created, and never logged. */
    public String reveal() {
        return value;
    }

    public String hash() {
        return Sha256.hexOf(value);
    }

    /** Tokens are equal when their text is: a node keeps what it looked up per token (see TokenResolver). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ApiToken token && token.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never the token: an accidental log line or exception message shows nothing usable. */
    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
