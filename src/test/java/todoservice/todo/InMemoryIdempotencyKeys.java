package todoservice.todo;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/** Idempotency keys in a map, for unit tests. */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    final Map<String, Claim> claims = new ConcurrentHashMap<>();

    @Override
    public Claim claim(Owner owner, String key, String fingerprint, ObjectId todoId, Instant now) {
        Claim fresh = new Claim(todoId, fingerprint, false, true);
        Claim earlier = claims.putIfAbsent(owner.id() + "\n" + key, fresh);
        return earlier == null ? fresh : new Claim(earlier.todoId(), earlier.fingerprint(), earlier.stored(), false);
    }

    @Override
    public void markStored(Owner owner, String key) {
        claims.computeIfPresent(owner.id() + "\n" + key,
                (k, claim) -> new Claim(claim.todoId(), claim.fingerprint(), true, false));
    }
}
