package todoservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc-123", "6f1c2d3e-aaaa-bbbb-cccc-0123456789ab", "node1:req.42_x", "a"})
    void aProxysWellFormedIdIsKept(String id) {
        assertThat(RequestIdFilter.wellFormed(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad id", "tab\there", "quote\"", "ünïcode", "semi;colon", "slash/"})
    void anythingElseGetsAFreshId(String id) {
        assertThat(RequestIdFilter.wellFormed(id)).isFalse();
    }

    @Test
    void theLengthIsBoundedAt128() {
        assertThat(RequestIdFilter.wellFormed("x".repeat(128))).isTrue();
        assertThat(RequestIdFilter.wellFormed("x".repeat(129))).isFalse();
        assertThat(RequestIdFilter.wellFormed(null)).isFalse();
    }

    @Test
    void aFreshIdIsWellFormedAndNeverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIdFilter.newId();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(RequestIdFilter.wellFormed(id)).isTrue();
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }
}
