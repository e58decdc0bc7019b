package todoservice.accounts;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import todoservice.auth.AttemptLimiter;
import todoservice.web.ApiException;

/**
 * Failed logins limited per account and per client address, on every node alike: past either limit a login is a
 * 429 with {@code Retry-After}, before any password is hashed, so guessing costs the attacker time and us no CPU.
 */
public final class LoginThrottle {

    private final AttemptLimiter perAccount;
    private final AttemptLimiter perAddress;

    public LoginThrottle(AttemptLimiter perAccount, AttemptLimiter perAddress) {
        this.perAccount = Objects.requireNonNull(perAccount, "perAccount");
        this.perAddress = Objects.requireNonNull(perAddress, "perAddress");
    }

    void check(String login, String address) {
        Optional<Duration> wait = perAccount.blockedFor(login).or(() -> perAddress.blockedFor(address));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(429, "Too many failed logins; try again in " + seconds + " s.",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    void failed(String login, String address) {
        perAccount.failed(login);
        perAddress.failed(address);
    }

    /** The account's count starts again; the address's does not (one address may try many accounts). */
    void succeeded(String login) {
        perAccount.succeeded(login);
    }
}
