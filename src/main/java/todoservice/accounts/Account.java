package todoservice.accounts;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's account. {@code id} is what owns their todos, jobs, files and tokens: it never changes, unlike the
 * login, so nothing of theirs is keyed by the login.
 */
public record Account(String id, String login, String passwordHash, Instant createdAt, boolean deleting) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
