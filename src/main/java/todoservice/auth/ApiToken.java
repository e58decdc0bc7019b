package todoservice.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import todoservice.ops.Sha256;

/**
 * An API token as clients hold it: {@code todo_} and 43 base64url characters (256 random bits). The prefix makes a
 * leaked token recognisable to secret scanners; the server keeps only {@link #hash()}, which cannot be turned back
 * into the token (a fast hash suffices: the token is random, not a password anyone could guess).
 */
public final class ApiToken {

    public static final String PREFIX = "todo_";
    private static final int RANDOM_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
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
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new ApiToken(text)) : Optional.empty();
    }

    /** The token itself: shown to its owner once, when it is created, and never logged. */
    public String reveal() {
        return value;
    }

    public String hash() {
        return Sha256.hexOf(value);
    }

    /** Never the token: an accidental log line or exception message shows nothing usable. */
    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
