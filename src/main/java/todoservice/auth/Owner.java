package todoservice.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/** Whose todos these are. Every query and every key carries one; the server sets it, never the request body. */
public record Owner(String id) {

    /** Ids go into cache keys and Redis Cluster hash tags, so they are kept to a safe alphabet. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");

    /** The single owner of every todo until accounts arrive. */
    public static final Owner ANONYMOUS = new Owner("anonymous");

    public Owner {
        Objects.requireNonNull(id, "id");
        if (!SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException("owner id must be 1-128 of A-Z a-z 0-9 _ . @ -");
        }
    }
}
