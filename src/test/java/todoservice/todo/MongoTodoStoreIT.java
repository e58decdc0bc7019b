package todoservice.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import todoservice.auth.Owner;
import todoservice.dev.EmbeddedMongo;

/** The store's owner checks over the MongoDB wire protocol: one owner never reads or changes another's todo. */
class MongoTodoStoreIT {

    private static final Owner ALICE = new Owner("alice");
    private static final Owner BOB = new Owner("bob");

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static MongoTodoStore store;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.uri("todo"));
        store = new MongoTodoStore(client.getDatabase("todo"), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void aTodoIsFoundByItsOwnerOnly() {
        Todo alices = Todo.create(new ObjectId(), ALICE, "alice's", null, Instant.now());
        assertThat(store.insert(alices)).isTrue();

        assertThat(store.find(ALICE, alices.id())).map(Todo::content).contains("alice's");
        assertThat(store.find(BOB, alices.id())).isEmpty();
        assertThat(store.find(ALICE, new ObjectId())).isEmpty();
    }

    @Test
    void anotherOwnerCannotChangeOrDeleteATodo() {
        Todo alices = Todo.create(new ObjectId(), ALICE, "keep me", null, Instant.now());
        store.insert(alices);
        Todo asBob = new Todo(alices.id(), BOB, "taken over", alices.createdAt(), true, Instant.now(), null,
                alices.version());

        assertThat(store.replace(asBob, asBob)).isFalse();
        assertThat(store.delete(BOB, alices.id())).isFalse();
        assertThat(store.find(ALICE, alices.id())).map(Todo::content).contains("keep me");
        assertThat(store.delete(ALICE, alices.id())).isTrue();
        assertThat(store.find(ALICE, alices.id())).isEmpty();
    }

    @Test
    void markingAllChangesOnlyTheOwnersTodosThatDifferEachWithANewVersion() {
        Owner carol = new Owner("carol");
        Owner dave = new Owner("dave");
        Instant before = Instant.parse("2026-12-01T10:00:00Z");
        Instant at = Instant.parse("2026-12-06T12:00:00Z");
        Todo open = Todo.create(new ObjectId(), carol, "open", null, before);
        Todo alreadyDone = new Todo(new ObjectId(), carol, "done before", before, true, before, null, 3);
        Todo daves = Todo.create(new ObjectId(), dave, "dave's", null, before);
        store.insertAll(List.of(open, alreadyDone));
        store.insert(daves);

        assertThat(store.markAll(carol, true, at)).as("only the unfinished one changes").isEqualTo(1);
        assertThat(store.find(carol, open.id())).hasValueSatisfying(todo -> {
            assertThat(todo.finished()).isTrue();
            assertThat(todo.finishedAt()).isEqualTo(at);
            assertThat(todo.version()).isEqualTo(open.version() + 1);
        });
        assertThat(store.find(carol, alreadyDone.id())).as("its finishing time and version kept")
                .contains(alreadyDone);
        assertThat(store.find(dave, daves.id())).as("another owner's todo").contains(daves);
        assertThat(store.markAll(carol, true, at)).as("repeated: nothing more").isZero();

        assertThat(store.markAll(carol, false, at)).isEqualTo(2);
        assertThat(store.count(carol, Optional.of(true))).isZero();
        assertThat(store.find(carol, alreadyDone.id())).hasValueSatisfying(todo -> {
            assertThat(todo.finishedAt()).as("reopened: no finishing time").isNull();
            assertThat(todo.version()).isEqualTo(4);
        });
    }
}
