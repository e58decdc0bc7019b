package todoservice.todo;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/**
 * Bulk-inserts todos for benchmarks, through the MongoDB wire protocol, in the very document shape the service
 * stores ({@link MongoTodoStore#toDocument}): one owner, one millisecond apart, newest last. Test classpath only.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat classpath.txt) todoservice.todo.SeedTodos \
 *     mongodb://127.0.0.1:27017/todo 10000 [owner]
 * </pre>
 * Prints the owner's todo count afterwards.
 */
public final class SeedTodos {

    private static final int BATCH = 1000;

    private SeedTodos() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SeedTodos mongodb://host:port/database count [owner]");
            System.exit(2);
        }
        ConnectionString uri = new ConnectionString(args[0]);
        int count = Integer.parseInt(args[1]);
        Owner owner = args.length == 3 ? new Owner(args[2]) : Owner.ANONYMOUS;
        String database = uri.getDatabase() == null ? "todo" : uri.getDatabase();
        try (MongoClient client = com.mongodb.client.MongoClients.create(uri)) {
            MongoCollection<Document> todos = client.getDatabase(database).getCollection("todos");
            Instant first = Instant.now().minusMillis(count);
            List<Document> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < count; i++) {
                batch.add(MongoTodoStore.toDocument(Todo.create(new ObjectId(), owner,
                        "benchmark todo " + (i + 1), null, first.plusMillis(i))));
                if (batch.size() == BATCH || i == count - 1) {
                    todos.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch.clear();
                }
            }
            System.out.println(todos.countDocuments(TodoQueries.ownedBy(owner)));
        }
    }
}
