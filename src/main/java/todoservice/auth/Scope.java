package todoservice.auth;

import java.util.Locale;
import java.util.Optional;

/** What a token may do. Writing includes reading: a read-write token needs no second one to list what it changed. */
public enum Scope {
    READ,
    WRITE;

    /** The scope's name in token requests, listings and {@code WWW-Authenticate}: {@code read} or {@code write}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** Whether a token granted {@code this} may do what needs {@code needed}. */
    public boolean covers(Scope needed) {
        return this == WRITE || needed == READ;
    }
}
