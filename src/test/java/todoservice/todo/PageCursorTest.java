package todoservice.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import todoservice.auth.Owner;

class PageCursorTest {

    private final ObjectId id = new ObjectId("6b06fb0244006b7122152661");
    private final Instant createdAt = Instant.ofEpochMilli(1_795_619_586_518L);

    @Test
    void aCursorSurvivesTheRoundTripWithItsFilter() {
        for (Optional<Boolean> filter : List3.FILTERS) {
            PageCursor cursor = new PageCursor(filter, createdAt, id);

            assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        }
    }

    @Test
    void theTokenIsUrlSafe() {
        assertThat(new PageCursor(Optional.of(true), createdAt, id).encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void tokensThisServiceDidNotIssueAreRefused() {
        for (String garbage : new String[] {"", "abc", "!!!", "MTp4OjE6Mg", "Mjp0OjE6Ng"}) {
            assertThatThrownBy(() -> PageCursor.decode(garbage))
                    .as(garbage)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aCursorCannotBeUsedWithAnotherFilter() {
        PageCursor finishedOnly = new PageCursor(Optional.of(true), createdAt, id);

        assertThatThrownBy(() -> new PageRequest(Owner.ANONYMOUS, Optional.of(false), 10, 0,
                Optional.of(finishedOnly)))
                .hasMessageContaining("another filter");
    }

    @Test
    void anOffsetAndACursorCannotBeCombined() {
        PageCursor cursor = new PageCursor(Optional.empty(), createdAt, id);

        assertThatThrownBy(() -> new PageRequest(Owner.ANONYMOUS, Optional.empty(), 10, 5, Optional.of(cursor)))
                .hasMessageContaining("start and after");
    }

    private static final class List3 {
        static final java.util.List<Optional<Boolean>> FILTERS =
                java.util.List.of(Optional.empty(), Optional.of(true), Optional.of(false));
    }
}
