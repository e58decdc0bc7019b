import com.mongodb.ConnectionString;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import todoservice.auth.Owner;
import todoservice.todo.PageRequest;
import todoservice.todo.TodoQueries;

/**
 * The store's own cost of a first page, straight over the driver, for bench/scale (run as a single source file
 * with the test classpath: `java -cp <classpath> bench/StoreQueryProbe.java mongodb://127.0.0.1:27137/todo 5`):
 * <ul>
 * <li>sorted: the query MongoTodoStore sends for {@code GET /todo} (TodoQueries.listFilter of the first page,
 * sorted newest first, limit 11);</li>
 * <li>scan: the same filter and limit plus a condition no todo meets, without a sort: it reads every one of the
 * owner's todos and returns none (the reading alone, without the sorting);</li>
 * <li>unsorted: the same filter and limit without the sort, which the development store answers from the first
 * documents it reads;</li>
 * <li>by id: the newest todo by {@code _id} alone, as {@code GET /todo/{id}} reads it (then checks the owner);</li>
 * <li>by id and owner: the same todo with the owner in the filter, as writes filter it.</li>
 * </ul>
 * Prints key=value lines (p50 of N timed runs after one untimed run each, in milliseconds).
 */
public final class StoreQueryProbe {

    private static final String NO_TODO_HAS_THIS = "\u0000 no todo has this content";

    public static void main(String[] args) {
        String uri = args[0];
        int runs = Integer.parseInt(args[1]);
        try (MongoClient client = MongoClients.create(uri)) {
            String database = Optional.ofNullable(new ConnectionString(uri).getDatabase()).orElse("todo");
            MongoCollection<Document> todos = client.getDatabase(database).getCollection("todos");
            PageRequest firstPage = new PageRequest(Owner.ANONYMOUS, Optional.empty(), PageRequest.DEFAULT_LIMIT, 0,
                    Optional.empty());
            Supplier<FindIterable<Document>> unsorted = () -> todos.find(TodoQueries.listFilter(firstPage))
                    .limit(PageRequest.DEFAULT_LIMIT + 1);
            Document newest = unsorted.get().sort(TodoQueries.NEWEST_FIRST).first();
            if (newest == null) {
                throw new IllegalStateException("the owner has no todos in " + uri);
            }
            print("sorted_p50_ms", p50(runs, () -> unsorted.get().sort(TodoQueries.NEWEST_FIRST).into(new ArrayList<>())));
            print("scan_p50_ms", p50(runs, () -> todos.find(Filters.and(TodoQueries.listFilter(firstPage),
                    Filters.eq("content", NO_TODO_HAS_THIS))).limit(PageRequest.DEFAULT_LIMIT + 1).into(new ArrayList<>())));
            print("unsorted_p50_ms", p50(runs, () -> unsorted.get().into(new ArrayList<>())));
            print("by_id_p50_ms", p50(runs, () -> todos.find(TodoQueries.idIs(newest.getObjectId("_id"))).first()));
            print("by_id_and_owner_p50_ms", p50(runs, () -> todos.find(
                    TodoQueries.byId(Owner.ANONYMOUS, newest.getObjectId("_id"))).first()));
        }
    }

    private static double p50(int runs, Runnable query) {
        query.run();
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1e6;
    }

    private static void print(String key, double millis) {
        System.out.println(key + "=" + String.format(Locale.ROOT, "%.2f", millis));
    }
}
