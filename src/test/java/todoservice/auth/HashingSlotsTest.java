package todoservice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {

    @Test
    void aRefusedCallerIsToldToComeBackAfterAtLeastTheWaitInWholeSeconds() {
        HashingSlots slots = new HashingSlots(1, Duration.ZERO, new SimpleMeterRegistry());

        Duration retryAfter = slots.run(() -> {
            try {
                slots.run(() -> "a second slot");
                throw new AssertionError("a second slot was handed out");
            } catch (HashingBusyException e) {
                return e.retryAfter();
            }
        });

        assertThat(retryAfter).isEqualTo(Duration.ofSeconds(1));
        assertThat(HashingSlots.retryAfter(Duration.ofMillis(1500))).isEqualTo(Duration.ofSeconds(2));
        assertThat(HashingSlots.retryAfter(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nonsenseLimitsAreRefusedByName() {
        assertThatThrownBy(() -> new HashingSlots(0, Duration.ofSeconds(1), new SimpleMeterRegistry()))
                .hasMessageContaining("concurrency").hasMessageContaining("0");
        assertThatThrownBy(() -> new HashingSlots(1, Duration.ofSeconds(-1), new SimpleMeterRegistry()))
                .hasMessageContaining("wait");
    }
}
