package todoservice.todo;

import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/** Where todos live. Every method is scoped to one owner. */
public interface TodoStore {

    /** Stores a new todo; false when a todo with that id already exists (a retried idempotent create). */
    boolean insert(Todo todo);

    Optional<Todo> find(Owner owner, ObjectId id);

    Page list(PageRequest request);

    /** The owner's todos, oldest first, at most {@code limit}. */
    List<Todo> listOldestFirst(Owner owner, int limit);

    /** Replaces {@code current} by {@code next} only if nobody changed it since it was read (same version). */
    boolean replace(Todo current, Todo next);

    boolean delete(Owner owner, ObjectId id);

    /** Deletes the owner's todos, or only the finished (unfinished) ones; returns how many went. */
    long deleteAll(Owner owner, java.util.Optional<Boolean> finished);

    /**
     * Finishes (or reopens) every todo of the owner that is not so already, finished at {@code at}; each one
     * changed gets a new version. Repeating it changes nothing more. Returns how many changed.
     */
    long markAll(Owner owner, boolean finished, java.time.Instant at);

    /**
     * Stores a batch of new todos of one owner; a todo whose id is already stored is skipped (a retried import).
     * Returns how many were stored now.
     */
    long insertAll(List<Todo> batch);

    /** How many todos the owner has, counted up to {@code most}: a quota check's cost stays bounded. */
    long countUpTo(Owner owner, long most);

    /** How many todos the owner has, or only the finished (unfinished) ones. */
    long count(Owner owner, java.util.Optional<Boolean> finished);

    /** The owner's counts for a request: bounded by the query time limit, unlike the jobs' {@link #count}. */
    TodoCounts counts(Owner owner);

    /**
     * Hands each of the owner's todos, oldest first (the order an import reads a file in), to {@code action},
     * without holding them all in memory.
     */
    void forEachOldestFirst(Owner owner, java.util.function.Consumer<Todo> action);
}
