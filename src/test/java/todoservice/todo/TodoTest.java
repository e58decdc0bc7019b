package todoservice.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import todoservice.auth.Owner;

class TodoTest {

    private final Instant created = Instant.parse("2026-11-25T10:00:00Z");
    private final Instant later = Instant.parse("2026-11-25T11:00:00Z");
    private final Instant evenLater = Instant.parse("2026-11-25T12:00:00Z");
    private final Todo todo = Todo.create(new ObjectId(), Owner.ANONYMOUS, "learn", null, created);

    @Test
    void finishingTwiceKeepsTheFirstFinishTime() {
        Todo once = todo.apply(TodoEdit.FINISH, later);
        Todo twice = once.apply(TodoEdit.FINISH, evenLater);

        assertThat(once.finishedAt()).isEqualTo(later);
        assertThat(twice.finished()).isTrue();
        assertThat(twice.finishedAt()).isEqualTo(later);
    }

    @Test
    void unfinishingClearsTheFinishTime() {
        Todo reopened = todo.apply(TodoEdit.FINISH, later)
                .apply(new TodoEdit(Optional.empty(), Optional.of(false), Optional.empty()), evenLater);

        assertThat(reopened.finished()).isFalse();
        assertThat(reopened.finishedAt()).isNull();
    }

    @Test
    void anEditChangesOnlyWhatItNamesAndAlwaysMakesANewVersion() {
        Todo edited = todo.apply(new TodoEdit(Optional.of("learn more"), Optional.empty(), Optional.of(3)), later);

        assertThat(edited.content()).isEqualTo("learn more");
        assertThat(edited.order()).isEqualTo(3);
        assertThat(edited.finished()).isFalse();
        assertThat(edited.createdAt()).isEqualTo(created);
        assertThat(edited.id()).isEqualTo(todo.id());
        assertThat(edited.version()).isEqualTo(todo.version() + 1);
    }
}
