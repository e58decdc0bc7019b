package todoservice.todo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/**
 * A {@link TodoStore} that reports every successful write of an owner's todos before it returns, so the cache is
 * invalidated before the client gets its 2xx (read-your-writes on any node).
 */
public final class InvalidatingTodoStore implements TodoStore {

    private final TodoStore store;
    private final Consumer<Owner> changed;

    public InvalidatingTodoStore(TodoStore store, Consumer<Owner> changed) {
        this.store = Objects.requireNonNull(store, "store");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    @Override
    public boolean insert(Todo todo) {
        boolean inserted = store.insert(todo);
        if (inserted) {
            changed.accept(todo.owner());
        }
        return inserted;
    }

    @Override
    public Optional<Todo> find(Owner owner, ObjectId id) {
        return store.find(owner, id);
    }

    @Override
    public Page list(PageRequest request) {
        return store.list(request);
    }

    @Override
    public List<Todo> listOldestFirst(Owner owner, int limit) {
        return store.listOldestFirst(owner, limit);
    }

    @Override
    public boolean replace(Todo current, Todo next) {
        boolean replaced = store.replace(current, next);
        if (replaced) {
            changed.accept(current.owner());
        }
        return replaced;
    }

    @Override
    public boolean delete(Owner owner, ObjectId id) {
        boolean deleted = store.delete(owner, id);
        if (deleted) {
            changed.accept(owner);
        }
        return deleted;
    }

    @Override
    public long deleteAll(Owner owner, Optional<Boolean> finished) {
        long deleted = store.deleteAll(owner, finished);
        if (deleted > 0) {
            changed.accept(owner);
        }
        return deleted;
    }

    @Override
    public long markAll(Owner owner, boolean finished, java.time.Instant at) {
        long marked = store.markAll(owner, finished, at);
        if (marked > 0) {
            changed.accept(owner);
        }
        return marked;
    }

    @Override
    public long insertAll(List<Todo> batch) {
        long inserted = store.insertAll(batch);
        if (inserted > 0) {
            changed.accept(batch.get(0).owner());
        }
        return inserted;
    }

    @Override
    public long countUpTo(Owner owner, long most) {
        return store.countUpTo(owner, most);
    }

    @Override
    public long count(Owner owner, Optional<Boolean> finished) {
        return store.count(owner, finished);
    }

    @Override
    public TodoCounts counts(Owner owner) {
        return store.counts(owner);
    }

    @Override
    public void forEachOldestFirst(Owner owner, java.util.function.Consumer<Todo> action) {
        store.forEachOldestFirst(owner, action);
    }
}
