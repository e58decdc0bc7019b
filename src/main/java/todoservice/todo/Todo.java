package todoservice.todo;

import java.time.Instant;
import java.util.Objects;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/**
 * A stored todo. {@code version} grows by one with every change; it is the ETag and the guard of conditional
 * writes. {@code order} exists for Todo-Backend clients, which position todos themselves.
 */
public record Todo(
        ObjectId id,
        Owner owner,
        String content,
        Instant createdAt,
        boolean finished,
        Instant finishedAt,
        Integer order,
        long version) {

    public Todo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        if (finished != (finishedAt != null)) {
            throw new IllegalArgumentException("finishedAt must be set exactly when the todo is finished");
        }
    }

    public static Todo create(ObjectId id, Owner owner, String content, Integer order, Instant now) {
        return new Todo(id, owner, content, now, false, null, order, 1);
    }

    /**
     * The todo after an edit. Finishing a finished todo keeps its first {@code finishedAt}; un-finishing clears it.
     * The version grows even when nothing changed, so an acknowledged write always has a new ETag.
     */
    public Todo apply(TodoEdit edit, Instant now) {
        boolean nowFinished = edit.finished().orElse(finished);
        Instant nowFinishedAt = nowFinished ? (finished ? finishedAt : now) : null;
        return new Todo(id, owner, edit.content().orElse(content), createdAt, nowFinished, nowFinishedAt,
                edit.order().isPresent() ? edit.order().get() : order, version + 1);
    }
}
