package todoservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidationTest {

    @Test
    void aMessageIsOwnerSpaceGenerationAndReadsBack() {
        Invalidation sent = new Invalidation("6b1453327c59700676b04d3e", 1795620693409001L);

        assertThat(sent.message()).isEqualTo("6b1453327c59700676b04d3e 1795620693409001");
        assertThat(Invalidation.parse(sent.message())).contains(sent);
    }

    @Test
    void malformedMessagesAreNotInvalidations() {
        for (String message : new String[] {"", "alice", " 5", "alice ", "alice 5 6", "alice five", "alice  5"}) {
            assertThat(Invalidation.parse(message)).as("'%s'", message).isEmpty();
        }
    }
}
