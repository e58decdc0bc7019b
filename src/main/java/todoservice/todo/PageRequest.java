package todoservice.todo;

import java.util.Objects;
import java.util.Optional;
import todoservice.auth.Owner;

/**
 * One page of an owner's todos, newest first: either {@code offset} todos skipped (the tutorial's {@code start})
 * or the todos after a cursor (keyset pagination), never both.
 */
public record PageRequest(Owner owner, Optional<Boolean> finished, int limit, int offset, Optional<PageCursor> after) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    public PageRequest {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("start must be between 0 and " + MAX_OFFSET);
        }
        if (offset > 0 && after.isPresent()) {
            throw new IllegalArgumentException("start and after cannot be used together");
        }
        if (after.isPresent() && !after.get().finishedFilter().equals(finished)) {
            throw new IllegalArgumentException("the cursor belongs to another filter; repeat the filter it came with");
        }
    }
}
