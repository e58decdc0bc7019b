package todoservice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import todoservice.config.AuthSettings;
import todoservice.testing.MutableClock;

/** The limits as one node counts them alone: without Redis, time from a clock the test moves. */
class AttemptLimiterTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AttemptLimiter accounts = new AttemptLimiter(new AttemptLimit("account", 3, WINDOW), "todo:auth:",
            Optional.empty(), clock, registry);

    @Test
    void aKeyIsBlockedOnceItReachesTheLimitUntilItsWindowEnds() {
        accounts.failed("alice@example.com");
        accounts.failed("alice@example.com");
        assertThat(accounts.blockedFor("alice@example.com")).as("below the limit").isEmpty();

        accounts.failed("alice@example.com");
        assertThat(accounts.blockedFor("alice@example.com")).contains(WINDOW);

        clock.advance(Duration.ofMinutes(10));
        assertThat(accounts.blockedFor("alice@example.com")).contains(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        assertThat(accounts.blockedFor("alice@example.com")).isEmpty();

        accounts.failed("alice@example.com");
        assertThat(accounts.blockedFor("alice@example.com")).as("a new window, one failure in it").isEmpty();
    }

    @Test
    void theWindowStartsAtTheFirstFailureNotTheLast() {
        accounts.failed("alice@example.com");
        clock.advance(Duration.ofMinutes(14));
        accounts.failed("alice@example.com");
        accounts.failed("alice@example.com");

        assertThat(accounts.blockedFor("alice@example.com")).contains(Duration.ofMinutes(1));
    }

    @Test
    void aSuccessForgetsTheFailures() {
        accounts.failed("alice@example.com");
        accounts.failed("alice@example.com");
        accounts.succeeded("alice@example.com");
        accounts.failed("alice@example.com");
        accounts.failed("alice@example.com");

        assertThat(accounts.blockedFor("alice@example.com")).isEmpty();
    }

    @Test
    void oneKeysFailuresNeverBlockAnother() {
        for (int i = 0; i < 3; i++) {
            accounts.failed("alice@example.com");
        }

        assertThat(accounts.blockedFor("alice@example.com")).isPresent();
        assertThat(accounts.blockedFor("bob@example.com")).isEmpty();
    }

    @Test
    void failuresRefusalsAndLocalCountingAreMeteredPerLimit() {
        for (int i = 0; i < 3; i++) {
            accounts.failed("alice@example.com");
        }
        accounts.blockedFor("alice@example.com");
        accounts.blockedFor("bob@example.com");

        assertThat(registry.get("todo.auth.attempts.failed").tag("limit", "account").counter().count()).isEqualTo(3);
        assertThat(registry.get("todo.auth.attempts.blocked").tag("limit", "account").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("todo.auth.attempts.local").tag("limit", "account").counter().count())
                .as("without Redis every call is answered locally").isEqualTo(5);
    }

    @Test
    void theLoginLimitsComeFromTheSettings() {
        AuthSettings settings = new AuthSettings(19_456, 2, 1, 2, Duration.ofSeconds(2), 5, 20, Duration.ofMinutes(10),
                Duration.ofSeconds(1));

        assertThat(AttemptLimit.loginsPerAccount(settings)).isEqualTo(new AttemptLimit("account", 5,
                Duration.ofMinutes(10)));
        assertThat(AttemptLimit.loginsPerAddress(settings)).isEqualTo(new AttemptLimit("address", 20,
                Duration.ofMinutes(10)));
    }

    @Test
    void aLimitThatCouldNeverAllowAnythingIsRefused() {
        assertThatThrownBy(() -> new AttemptLimit("account", 0, WINDOW)).hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new AttemptLimit("account", 5, Duration.ZERO)).hasMessageContaining("window");
        assertThatThrownBy(() -> new AttemptLimit("Account:*", 5, WINDOW)).hasMessageContaining("Account:*");
    }
}
