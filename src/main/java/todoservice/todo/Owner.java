package todoservice.todo;

import java.util.Objects;

/** Whose todos these are. Every query and every key carries one; the server sets it, never the request body. */
public record Owner(String id) {

    /** The single owner of every todo until accounts arrive. */
    public static final Owner ANONYMOUS = new Owner("anonymous");

    public Owner {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("owner id must not be blank");
        }
    }
}
