package todoservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CacheEntryTest {

    @Test
    void anEntrySurvivesTheRoundTripThroughRedisBytes() {
        CacheEntry entry = new CacheEntry(CachedValue.of("{\"data\":[]}".getBytes(StandardCharsets.UTF_8), 7),
                1_795_000_000_123L, 42);

        CacheEntry decoded = CacheEntry.decode(entry.encode()).orElseThrow();

        assertThat(decoded.value().body()).isEqualTo(entry.value().body());
        assertThat(decoded.value().version()).isEqualTo(7);
        assertThat(decoded.value().absent()).isFalse();
        assertThat(decoded.freshUntilMillis()).isEqualTo(entry.freshUntilMillis());
        assertThat(decoded.loadMillis()).isEqualTo(42);
    }

    @Test
    void anAbsentMarkerStaysAbsent() {
        CacheEntry entry = new CacheEntry(CachedValue.ABSENT, 5, 1);

        assertThat(CacheEntry.decode(entry.encode()).orElseThrow().value().absent()).isTrue();
    }

    @Test
    void bytesOfAnotherFormatAreIgnoredNotMisread() {
        assertThat(CacheEntry.decode(new byte[0])).isEmpty();
        assertThat(CacheEntry.decode("{\"data\":[]} plain json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CacheEntry.decode(null)).isEmpty();
    }
}
