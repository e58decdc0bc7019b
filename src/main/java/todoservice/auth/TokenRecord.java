package todoservice.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What the server keeps of a token: never the token, only its hash (in the store) and what it may do. */
public record TokenRecord(String id, String accountId, String name, Set<Scope> scopes, Instant createdAt,
        Instant expiresAt, Optional<Instant> lastUsedAt) {

    public TokenRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean allows(Scope needed) {
        return scopes.stream().anyMatch(scope -> scope.covers(needed));
    }
}
