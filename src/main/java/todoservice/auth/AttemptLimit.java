package todoservice.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import todoservice.config.AuthSettings;

/**
 * At most {@code maxFailures} failed attempts per key in a {@code window} that starts at the key's first failure.
 * {@code name} tells the limits apart in Redis keys and metrics.
 */
public record AttemptLimit(String name, int maxFailures, Duration window) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public AttemptLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a limit's name is 1-32 of a-z 0-9 _, starting with a letter: " + name);
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1ms: " + window);
        }
    }

    /** Failed logins to one account, from anywhere: slows guessing one account's password. */
    public static AttemptLimit loginsPerAccount(AuthSettings settings) {
        return new AttemptLimit("account", settings.loginFailuresPerAccount(), settings.loginWindow());
    }

    /** Failed logins from one client address, to any account: slows trying one password on many accounts. */
    public static AttemptLimit loginsPerAddress(AuthSettings settings) {
        return new AttemptLimit("address", settings.loginFailuresPerAddress(), settings.loginWindow());
    }
}
