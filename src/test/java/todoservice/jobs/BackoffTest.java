package todoservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Retry waits: they grow, they are spread out (never all at once), they stop growing at the cap. */
class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void eachRetryWaitsTwiceAsLongAsThePreviousOneAtTheSameLuck() {
        Backoff unluckiest = new Backoff(BASE, MAX, () -> 0.999_999);
        Backoff luckiest = new Backoff(BASE, MAX, () -> 0.0);

        assertThat(unluckiest.delay(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(unluckiest.delay(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(unluckiest.delay(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(unluckiest.delay(4)).isEqualTo(Duration.ofMillis(1600));
        assertThat(luckiest.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(luckiest.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(luckiest.delay(3)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aRetryWaitsBetweenHalfAndAllOfItsCeiling() {
        Backoff backoff = new Backoff(BASE, MAX, () -> ThreadLocalRandom.current().nextDouble());
        for (int retry = 1; retry <= 12; retry++) {
            long ceiling = Math.min(MAX.toMillis(), BASE.toMillis() << (retry - 1));
            for (int sample = 0; sample < 200; sample++) {
                assertThat(backoff.delay(retry).toMillis()).as("retry %d", retry)
                        .isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void jobsThatFailedTogetherDoNotAllRetryAtTheSameMoment() {
        Backoff backoff = new Backoff(BASE, MAX, () -> ThreadLocalRandom.current().nextDouble());
        long distinct = java.util.stream.IntStream.range(0, 100).mapToObj(i -> backoff.delay(3)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void theWaitStopsGrowingAtTheCapEvenAfterVeryManyRetries() {
        Backoff unluckiest = new Backoff(BASE, MAX, () -> 0.999_999);
        Backoff luckiest = new Backoff(BASE, MAX, () -> 0.0);

        assertThat(unluckiest.delay(7)).isEqualTo(MAX);
        assertThat(unluckiest.delay(8)).isEqualTo(MAX);
        assertThat(unluckiest.delay(1_000)).isEqualTo(MAX);
        assertThat(unluckiest.delay(Integer.MAX_VALUE)).isEqualTo(MAX);
        assertThat(luckiest.delay(Integer.MAX_VALUE)).isEqualTo(MAX.dividedBy(2));
    }

    @Test
    void aCapEqualToTheBaseKeepsEveryWaitTheSame() {
        Backoff backoff = new Backoff(BASE, BASE, () -> 0.999_999);
        assertThat(backoff.delay(1)).isEqualTo(BASE);
        assertThat(backoff.delay(5)).isEqualTo(BASE);
    }

    @Test
    void retriesAreCountedFromOne() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 0.5);
        assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> backoff.delay(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-3");
    }

    @Test
    void aCapShorterThanTheBaseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S").hasMessageContaining("PT2S");
    }

    @Test
    void aBaseThatIsNotPositiveIsRefusedRatherThanRetryingAtOnceForever() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-200), MAX, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.2S");
    }

    @Test
    void missingArgumentsAreNamed() {
        assertThatThrownBy(() -> new Backoff(null, MAX, () -> 0.5)).hasMessage("base");
        assertThatThrownBy(() -> new Backoff(BASE, null, () -> 0.5)).hasMessage("max");
        assertThatThrownBy(() -> new Backoff(BASE, MAX, null)).hasMessage("random");
    }
}
