package todoservice.todo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import todoservice.auth.Owner;

/**
 * Keys in the {@code idempotency_keys} collection, {@code _id = {owner, key}} so the unique {@code _id} index
 * settles races between two copies of one request. A TTL index forgets keys after the configured period.
 */
public final class MongoIdempotencyKeys implements IdempotencyKeys {

    private final MongoCollection<Document> keys;
    private final Duration ttl;

    public MongoIdempotencyKeys(MongoDatabase database, Duration ttl) {
        this.keys = Objects.requireNonNull(database, "database").getCollection("idempotency_keys");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    public void createIndexes() {
        keys.createIndex(Indexes.ascending("created_at"),
                new IndexOptions().name("created_at_ttl").expireAfter(ttl.toSeconds(), TimeUnit.SECONDS));
    }

    @Override
    public Claim claim(Owner owner, String key, String fingerprint, ObjectId todoId, Instant now) {
        Document id = id(owner, key);
        try {
            keys.insertOne(new Document("_id", id)
                    .append("todo_id", todoId)
                    .append("fingerprint", fingerprint)
                    .append("stored", false)
                    .append("created_at", Date.from(now)));
            return new Claim(todoId, fingerprint, false, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document earlier = keys.find(Filters.eq("_id", id)).first();
        if (earlier == null) {
            // Expired between our insert and our read: a fresh claim is the right answer.
            return claim(owner, key, fingerprint, todoId, now);
        }
        return new Claim(earlier.getObjectId("todo_id"), earlier.getString("fingerprint"),
                Boolean.TRUE.equals(earlier.getBoolean("stored")), false);
    }

    @Override
    public void markStored(Owner owner, String key) {
        keys.updateOne(Filters.eq("_id", id(owner, key)), Updates.set("stored", true));
    }

    private static Document id(Owner owner, String key) {
        return new Document("owner", owner.id()).append("key", key);
    }
}
