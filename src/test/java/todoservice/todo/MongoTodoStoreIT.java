package todoservice.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
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
}
