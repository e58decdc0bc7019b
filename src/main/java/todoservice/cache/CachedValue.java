package todoservice.cache;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the cache holds for a key: the serialized answer and its version (the ETag), or the fact that the thing
 * does not exist (negative caching).
 */
public record CachedValue(byte[] body, long version, boolean absent) {

    public static final CachedValue ABSENT = new CachedValue(new byte[0], 0, true);

    public CachedValue {
        Objects.requireNonNull(body, "body");
    }

    public static CachedValue of(byte[] body, long version) {
        return new CachedValue(body, version, false);
    }

    @Override
    public String toString() {
        return absent ? "CachedValue[absent]" : "CachedValue[v" + version + ", "
                + new String(body, StandardCharsets.UTF_8) + "]";
    }
}
