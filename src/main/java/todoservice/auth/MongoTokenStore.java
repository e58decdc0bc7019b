package todoservice.auth;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Tokens in the {@code tokens} collection, found by the SHA-256 of the token (unique index). MongoDB deletes a
 * token once it has expired (TTL index); a revoked token is deleted at once.
 */
public final class MongoTokenStore {

    private static final String HASH = "hash";
    private static final String ACCOUNT = "account";
    private static final String NAME = "name";
    private static final String SCOPES = "scopes";
    private static final String CREATED = "created_at";
    private static final String EXPIRES = "expires_at";
    private static final String LAST_USED = "last_used_at";

    private final MongoCollection<Document> tokens;

    public MongoTokenStore(MongoDatabase database) {
        this.tokens = database.getCollection("tokens");
    }

    public void createIndexes() {
        tokens.createIndex(Indexes.ascending(HASH), new IndexOptions().unique(true).name("hash_unique"));
        tokens.createIndex(Indexes.ascending(ACCOUNT, CREATED), new IndexOptions().name("account_created"));
        tokens.createIndex(Indexes.ascending(EXPIRES),
                new IndexOptions().expireAfter(0L, TimeUnit.SECONDS).name("expires_ttl"));
    }

    public TokenRecord insert(ApiToken token, String accountId, String name, Set<Scope> scopes, Instant now,
            Instant expiresAt) {
        ObjectId id = new ObjectId();
        tokens.insertOne(new Document("_id", id)
                .append(HASH, token.hash())
                .append(ACCOUNT, accountId)
                .append(NAME, name)
                .append(SCOPES, scopes.stream().map(Scope::wireName).sorted().toList())
                .append(CREATED, Date.from(now))
                .append(EXPIRES, Date.from(expiresAt)));
        return new TokenRecord(id.toHexString(), accountId, name, scopes, now, expiresAt, Optional.empty());
    }

    public Optional<TokenRecord> findByHash(String hash) {
        return Optional.ofNullable(tokens.find(Filters.eq(HASH, hash)).first()).map(MongoTokenStore::record);
    }

    /** The account's tokens, newest first, expired ones included until MongoDB removes them. */
    public List<TokenRecord> list(String accountId, int limit) {
        return tokens.find(Filters.eq(ACCOUNT, accountId)).sort(Sorts.descending(CREATED)).limit(limit)
                .map(MongoTokenStore::record).into(new ArrayList<>());
    }

    /** False when the account has no such token (another account's included). */
    public boolean revoke(String accountId, String tokenId) {
        if (!ObjectId.isValid(tokenId)) {
            return false;
        }
        return tokens.deleteOne(Filters.and(Filters.eq("_id", new ObjectId(tokenId)), Filters.eq(ACCOUNT, accountId)))
                .getDeletedCount() == 1;
    }

    public long revokeAll(String accountId) {
        return tokens.deleteMany(Filters.eq(ACCOUNT, accountId)).getDeletedCount();
    }

    public void markUsed(String tokenId, Instant when) {
        tokens.updateOne(Filters.eq("_id", new ObjectId(tokenId)), Updates.set(LAST_USED, Date.from(when)));
    }

    private static TokenRecord record(Document document) {
        Set<Scope> scopes = document.getList(SCOPES, String.class).stream()
                .flatMap(name -> Scope.fromWireName(name).stream())
                .collect(Collectors.toUnmodifiableSet());
        return new TokenRecord(document.getObjectId("_id").toHexString(), document.getString(ACCOUNT),
                document.getString(NAME), scopes, document.getDate(CREATED).toInstant(),
                document.getDate(EXPIRES).toInstant(),
                Optional.ofNullable(document.getDate(LAST_USED)).map(Date::toInstant));
    }
}
