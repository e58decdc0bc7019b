package todoservice.todo;

import java.time.Instant;
import java.util.Objects;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/** Remembers which todo an {@code Idempotency-Key} created, so a retried POST returns it instead of a second one. */
public interface IdempotencyKeys {

    /**
     * Claims {@code key} for a todo that will get {@code todoId}. When the key was claimed before, the earlier
     * claim is returned unchanged ({@link Claim#claimedNow()} false).
     */
    Claim claim(Owner owner, String key, String fingerprint, ObjectId todoId, Instant now);

    /** Records that the claimed todo was stored. */
    void markStored(Owner owner, String key);

    /** Who holds a key: the todo it stands for and a fingerprint of the request that claimed it. */
    record Claim(ObjectId todoId, String fingerprint, boolean stored, boolean claimedNow) {
        public Claim {
            Objects.requireNonNull(todoId, "todoId");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }
}
