package todoservice.cache;

import java.util.Objects;

/**
 * What the application calls its cache, given to the cache by the composition root: the prefix of every Redis key
 * (and of the invalidation channel), the prefix of the cache's meters, and the name of its L1 in Caffeine's
 * meters. The cache itself knows nothing of what it holds.
 */
public record CacheNames(String keyPrefix, String meterPrefix, String l1Name) {

    public CacheNames {
        requireNotBlank(keyPrefix, "keyPrefix");
        requireNotBlank(meterPrefix, "meterPrefix");
        requireNotBlank(l1Name, "l1Name");
    }

    /** The full name of one of the cache's meters: {@code meterPrefix.name}. */
    public String meter(String name) {
        return meterPrefix + "." + name;
    }

    private static void requireNotBlank(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }
}
