package todoservice.accounts;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Accounts in the {@code accounts} collection; a unique index keeps one account per login. */
public final class MongoAccountStore {

    private static final String LOGIN = "login";
    private static final String PASSWORD = "password_hash";
    private static final String CREATED = "created_at";
    private static final String DELETING = "deleting";

    private final MongoCollection<Document> accounts;

    public MongoAccountStore(MongoDatabase database) {
        this.accounts = database.getCollection("accounts");
    }

    public void createIndexes() {
        accounts.createIndex(Indexes.ascending(LOGIN), new IndexOptions().unique(true).name("login_unique"));
    }

    /** The new account, or empty when the login is taken. */
    public Optional<Account> insert(String login, String passwordHash, Instant now) {
        ObjectId id = new ObjectId();
        try {
            accounts.insertOne(new Document("_id", id).append(LOGIN, login).append(PASSWORD, passwordHash)
                    .append(CREATED, Date.from(now)).append(DELETING, false));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new Account(id.toHexString(), login, passwordHash, now, false));
    }

    public Optional<Account> findByLogin(String login) {
        return Optional.ofNullable(accounts.find(Filters.eq(LOGIN, login)).first()).map(MongoAccountStore::account);
    }

    public Optional<Account> findById(String id) {
        return ObjectId.isValid(id)
                ? Optional.ofNullable(accounts.find(byId(id)).first()).map(MongoAccountStore::account)
                : Optional.empty();
    }

    public void changePassword(String id, String passwordHash) {
        accounts.updateOne(byId(id), Updates.set(PASSWORD, passwordHash));
    }

    /** From now on no login succeeds; the deletion job removes the account last. */
    public void markDeleting(String id) {
        accounts.updateOne(byId(id), Updates.set(DELETING, true));
    }

    public void delete(String id) {
        accounts.deleteOne(byId(id));
    }

    private static Bson byId(String id) {
        return Filters.eq("_id", new ObjectId(id));
    }

    private static Account account(Document document) {
        return new Account(document.getObjectId("_id").toHexString(), document.getString(LOGIN),
                document.getString(PASSWORD), document.getDate(CREATED).toInstant(),
                Boolean.TRUE.equals(document.getBoolean(DELETING)));
    }
}
