package todoservice.todo;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static todoservice.todo.TodoQueries.CONTENT;
import static todoservice.todo.TodoQueries.CREATED_AT;
import static todoservice.todo.TodoQueries.FINISHED;
import static todoservice.todo.TodoQueries.FINISHED_AT;
import static todoservice.todo.TodoQueries.ID;
import static todoservice.todo.TodoQueries.ORDER;
import static todoservice.todo.TodoQueries.OWNER;
import static todoservice.todo.TodoQueries.VERSION;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/**
 * Todos in the {@code todos} collection, one document per todo. The reads that answer requests carry a server-side
 * time limit ({@code maxTimeMS}): a slow query is given up by the server, and its request answered 503, instead of
 * holding the request thread for the socket timeout. The jobs' reads (count, export) have none.
 */
public final class MongoTodoStore implements TodoStore {

    private final MongoCollection<Document> todos;
    private final long queryTimeoutMillis;

    public MongoTodoStore(MongoDatabase database, Duration queryTimeout) {
        this.todos = Objects.requireNonNull(database, "database").getCollection("todos");
        this.queryTimeoutMillis = Objects.requireNonNull(queryTimeout, "queryTimeout").toMillis();
    }

    /** Creates the indexes that serve one owner's list queries; safe to repeat. */
    public void createIndexes() {
        todos.createIndexes(TodoQueries.indexes());
    }

    @Override
    public boolean insert(Todo todo) {
        try {
            todos.insertOne(toDocument(todo));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Todo> find(Owner owner, ObjectId id) {
        // By _id alone (an index lookup even in the development store), then the owner checked here: another
        // owner's todo is not found, exactly as with the owner in the filter.
        return Optional.ofNullable(todos.find(TodoQueries.idIs(id)).maxTime(queryTimeoutMillis, MILLISECONDS)
                        .first())
                .filter(document -> owner.id().equals(document.getString(TodoQueries.OWNER)))
                .map(MongoTodoStore::toTodo);
    }

    @Override
    public Page list(PageRequest request) {
        List<Todo> found = new ArrayList<>(request.limit() + 1);
        // One extra todo tells whether another page follows, without a count.
        todos.find(TodoQueries.listFilter(request))
                .maxTime(queryTimeoutMillis, MILLISECONDS)
                .sort(TodoQueries.NEWEST_FIRST)
                .skip(request.offset())
                .limit(request.limit() + 1)
                .forEach(document -> found.add(toTodo(document)));
        if (found.size() <= request.limit()) {
            return new Page(found, Optional.empty());
        }
        List<Todo> page = found.subList(0, request.limit());
        return new Page(page, Optional.of(PageCursor.after(page.get(page.size() - 1), request.finished())));
    }

    @Override
    public List<Todo> listOldestFirst(Owner owner, int limit) {
        List<Todo> found = new ArrayList<>();
        todos.find(TodoQueries.ownedBy(owner)).maxTime(queryTimeoutMillis, MILLISECONDS)
                .sort(TodoQueries.OLDEST_FIRST).limit(limit)
                .forEach(document -> found.add(toTodo(document)));
        return found;
    }

    @Override
    public boolean replace(Todo current, Todo next) {
        var result = todos.updateOne(
                Filters.and(TodoQueries.byId(current.owner(), current.id()), Filters.eq(VERSION, current.version())),
                Updates.combine(
                        Updates.set(CONTENT, next.content()),
                        Updates.set(FINISHED, next.finished()),
                        Updates.set(FINISHED_AT, date(next)),
                        Updates.set(ORDER, next.order()),
                        Updates.set(VERSION, next.version())));
        return result.getMatchedCount() == 1;
    }

    @Override
    public boolean delete(Owner owner, ObjectId id) {
        return todos.deleteOne(TodoQueries.byId(owner, id)).getDeletedCount() == 1;
    }

    @Override
    public long deleteAll(Owner owner, Optional<Boolean> finished) {
        return todos.deleteMany(ownedBy(owner, finished)).getDeletedCount();
    }

    @Override
    public long markAll(Owner owner, boolean finished, Instant at) {
        return todos.updateMany(ownedBy(owner, Optional.of(!finished)), Updates.combine(
                Updates.set(FINISHED, finished),
                Updates.set(FINISHED_AT, finished ? Date.from(at) : null),
                Updates.inc(VERSION, 1L))).getModifiedCount();
    }

    @Override
    public long insertAll(List<Todo> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<Document> documents = batch.stream().map(MongoTodoStore::toDocument).toList();
        try {
            return todos.insertMany(documents, new InsertManyOptions().ordered(false)).getInsertedIds().size();
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates || e.getWriteConcernError() != null) {
                throw e;
            }
            return e.getWriteResult().getInsertedCount();
        }
    }

    @Override
    public long countUpTo(Owner owner, long most) {
        return todos.countDocuments(TodoQueries.ownedBy(owner),
                new CountOptions().limit((int) Math.min(most, Integer.MAX_VALUE)));
    }

    @Override
    public long count(Owner owner, Optional<Boolean> finished) {
        return todos.countDocuments(ownedBy(owner, finished));
    }

    @Override
    public TodoCounts counts(Owner owner) {
        CountOptions bounded = new CountOptions().maxTime(queryTimeoutMillis, MILLISECONDS);
        long all = todos.countDocuments(TodoQueries.ownedBy(owner), bounded);
        long active = todos.countDocuments(ownedBy(owner, Optional.of(false)), bounded);
        // Two reads: a write between them could make active exceed all for an instant.
        return new TodoCounts(Math.max(all, active), active);
    }

    @Override
    public void forEachOldestFirst(Owner owner, Consumer<Todo> action) {
        todos.find(TodoQueries.ownedBy(owner)).sort(TodoQueries.OLDEST_FIRST).batchSize(1000)
                .forEach(document -> action.accept(toTodo(document)));
    }

    private static Bson ownedBy(Owner owner, Optional<Boolean> finished) {
        return finished
                .map(value -> Filters.and(TodoQueries.ownedBy(owner), Filters.eq(FINISHED, value)))
                .orElse(TodoQueries.ownedBy(owner));
    }

    private static Date date(Todo todo) {
        return todo.finishedAt() == null ? null : Date.from(todo.finishedAt());
    }

    static Document toDocument(Todo todo) {
        return new Document(ID, todo.id())
                .append(OWNER, todo.owner().id())
                .append(CONTENT, todo.content())
                .append(CREATED_AT, Date.from(todo.createdAt()))
                .append(FINISHED, todo.finished())
                .append(FINISHED_AT, date(todo))
                .append(ORDER, todo.order())
                .append(VERSION, todo.version());
    }

    static Todo toTodo(Document document) {
        Date finishedAt = document.getDate(FINISHED_AT);
        Number version = document.get(VERSION, Number.class);
        return new Todo(
                document.getObjectId(ID),
                new Owner(document.getString(OWNER)),
                document.getString(CONTENT),
                document.getDate(CREATED_AT).toInstant(),
                Boolean.TRUE.equals(document.getBoolean(FINISHED)),
                finishedAt == null ? null : finishedAt.toInstant(),
                document.getInteger(ORDER),
                version == null ? 1 : version.longValue());
    }
}
