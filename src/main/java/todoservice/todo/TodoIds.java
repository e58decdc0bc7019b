package todoservice.todo;

import java.util.Optional;
import org.bson.types.ObjectId;

/** Path ids are checked before anything else, so a malformed id costs no cache or database lookup. */
public final class TodoIds {
    private TodoIds() {
    }

    public static Optional<ObjectId> parse(String text) {
        return text != null && ObjectId.isValid(text) && text.length() == 24
                ? Optional.of(new ObjectId(text))
                : Optional.empty();
    }
}
