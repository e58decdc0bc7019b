package todoservice.todo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.bson.types.ObjectId;

/**
 * Where the next page starts: the sort key of the last todo served, and the filter it was served under.
 * Clients see it as an opaque token; a token used with another filter is refused.
 */
public record PageCursor(Optional<Boolean> finishedFilter, Instant createdAt, ObjectId id) {

    private static final String VERSION = "1";

    public PageCursor {
        Objects.requireNonNull(finishedFilter, "finishedFilter");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public static PageCursor after(Todo last, Optional<Boolean> finishedFilter) {
        return new PageCursor(finishedFilter, last.createdAt(), last.id());
    }

    public String encode() {
        String filter = finishedFilter.map(f -> f ? "t" : "f").orElse("a");
        String plain = VERSION + ":" + filter + ":" + createdAt.toEpochMilli() + ":" + id.toHexString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when the token was not made by {@link #encode()} */
    public static PageCursor decode(String token) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this service issued");
        }
        String[] parts = plain.split(":", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !ObjectId.isValid(parts[3])) {
            throw new IllegalArgumentException("the cursor is not one this service issued");
        }
        Optional<Boolean> filter = switch (parts[1]) {
            case "a" -> Optional.empty();
            case "t" -> Optional.of(true);
            case "f" -> Optional.of(false);
            default -> throw new IllegalArgumentException("the cursor is not one this service issued");
        };
        try {
            return new PageCursor(filter, Instant.ofEpochMilli(Long.parseLong(parts[2])), new ObjectId(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the cursor is not one this service issued");
        }
    }
}
