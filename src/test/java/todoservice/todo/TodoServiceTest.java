package todoservice.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import todoservice.auth.Owner;
import todoservice.config.LimitSettings;
import todoservice.limits.Quotas;

class TodoServiceTest {

    private final InMemoryTodoStore store = new InMemoryTodoStore();
    private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00.123456Z"), ZoneOffset.UTC);
    private final TodoService service = new TodoService(store, keys, clock, 10,
            new Quotas(LimitSettings.none(), Owner.ANONYMOUS.id()));
    private final Owner alice = new Owner("alice");
    private final Owner bob = new Owner("bob");

    @Test
    void aNewTodoKeepsMillisecondsSoItEqualsWhatIsReadBack() {
        Todo todo = create(alice, "learn");

        assertThat(todo.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123Z"));
        assertThat(service.get(alice, todo.id().toHexString())).isEqualTo(todo);
    }

    @Test
    void aRetriedPostWithTheSameKeyReturnsTheFirstTodo() {
        var first = service.create(alice, new NewTodo("learn", null, Optional.of("key-1")));
        var retry = service.create(alice, new NewTodo("learn", null, Optional.of("key-1")));

        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.todo()).isEqualTo(first.todo());
        assertThat(store.todos).hasSize(1);
    }

    @Test
    void theSameKeyFromAnotherOwnerCreatesTheirOwnTodo() {
        var mine = service.create(alice, new NewTodo("learn", null, Optional.of("key-1")));
        var theirs = service.create(bob, new NewTodo("learn", null, Optional.of("key-1")));

        assertThat(theirs.todo().id()).isNotEqualTo(mine.todo().id());
        assertThat(theirs.todo().owner()).isEqualTo(bob);
    }

    @Test
    void aKeyReusedForDifferentContentIsRefused() {
        service.create(alice, new NewTodo("learn", null, Optional.of("key-1")));

        assertThatThrownBy(() -> service.create(alice, new NewTodo("sleep", null, Optional.of("key-1"))))
                .isInstanceOfSatisfying(TodoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TodoException.Reason.KEY_REUSED));
        assertThat(store.todos).hasSize(1);
    }

    @Test
    void aRetryAfterACrashBetweenClaimAndStoreCreatesTheTodoOnce() {
        var claim = keys.claim(alice, "key-1", TodoService.fingerprint("learn", null), new org.bson.types.ObjectId(), clock.instant());

        var retry = service.create(alice, new NewTodo("learn", null, Optional.of("key-1")));

        assertThat(retry.todo().id()).isEqualTo(claim.todoId());
        assertThat(store.todos).hasSize(1);
    }

    @Test
    void aRetryAfterTheTodoWasDeletedDoesNotResurrectIt() {
        var first = service.create(alice, new NewTodo("learn", null, Optional.of("key-1")));
        service.delete(alice, first.todo().id().toHexString());

        assertThatThrownBy(() -> service.create(alice, new NewTodo("learn", null, Optional.of("key-1"))))
                .isInstanceOfSatisfying(TodoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TodoException.Reason.CONFLICT));
        assertThat(store.todos).isEmpty();
    }

    @Test
    void contentMustBePresentNotBlankAndWithinTheLimitCountedInCharacters() {
        assertInvalid(null);
        assertInvalid(" \t\n");
        assertInvalid("12345678901");
        assertInvalid("bad\ud800text");
        assertInvalid("nul\0");
        assertThat(create(alice, "📝📝📝📝📝📝📝📝📝📝").content()).hasSize(20);
    }

    @Test
    void anotherOwnersTodoIsNotFound() {
        Todo todo = create(alice, "secret");

        assertThatThrownBy(() -> service.get(bob, todo.id().toHexString()))
                .isInstanceOfSatisfying(TodoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TodoException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> service.delete(bob, todo.id().toHexString())).isInstanceOf(TodoException.class);
        assertThat(service.deleteAll(bob, Optional.empty())).isZero();
        assertThat(store.todos).containsKey(todo.id());
    }

    @Test
    void anEditRacingAnotherWriterIsReappliedOnTheNewestVersion() {
        Todo todo = create(alice, "learn");
        store.interleavedWrites.add(todo.apply(TodoEdit.FINISH, clock.instant()));

        Todo edited = service.edit(alice, todo.id().toHexString(),
                new TodoEdit(Optional.of("learn more"), Optional.empty(), Optional.empty()), current -> true);

        assertThat(edited.content()).isEqualTo("learn more");
        assertThat(edited.finished()).as("the concurrent finish is kept").isTrue();
        assertThat(edited.version()).isEqualTo(3);
    }

    @Test
    void aPreconditionIsJudgedAgainstTheVersionActuallyReplaced() {
        Todo todo = create(alice, "learn");
        store.interleavedWrites.add(todo.apply(TodoEdit.FINISH, clock.instant()));

        assertThatThrownBy(() -> service.edit(alice, todo.id().toHexString(),
                new TodoEdit(Optional.of("mine"), Optional.empty(), Optional.empty()),
                current -> current.version() == todo.version()))
                .isInstanceOfSatisfying(TodoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TodoException.Reason.PRECONDITION_FAILED));
        assertThat(store.todos.get(todo.id()).content()).isEqualTo("learn");
    }

    @Test
    void anEmptyEditIsRefused() {
        Todo todo = create(alice, "learn");

        assertThatThrownBy(() -> service.edit(alice, todo.id().toHexString(),
                new TodoEdit(Optional.empty(), Optional.empty(), Optional.empty()), current -> true))
                .isInstanceOf(TodoException.class)
                .hasMessageContaining("Nothing to change");
    }

    @Test
    void malformedIdsAreNotFound() {
        for (String id : new String[] {"xyz", "123", "6b06fb0244006b712215266", "6b06fb0244006b71221526612"}) {
            assertThatThrownBy(() -> service.get(alice, id)).as(id).isInstanceOf(TodoException.class);
        }
    }

    private Todo create(Owner owner, String content) {
        return service.create(owner, new NewTodo(content, null, Optional.empty())).todo();
    }

    private void assertInvalid(String content) {
        assertThatThrownBy(() -> create(alice, content))
                .isInstanceOfSatisfying(TodoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TodoException.Reason.INVALID));
    }
}
