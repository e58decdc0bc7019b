package todoservice.cache;

/**
 * Every key names its owner (in a Redis Cluster hash tag, so one owner's keys share a slot), the schema version
 * and, for data, the owner's generation: a write bumps the generation, which makes every older entry of that
 * owner unreachable at once, including pages whose keys nobody could list.
 */
public final class CacheKeys {

    static final String PREFIX = "todo:v1:";
    public static final String INVALIDATION_CHANNEL = PREFIX + "invalidations";

    private CacheKeys() {
    }

    static String ownerPrefix(String owner) {
        return PREFIX + "{" + owner + "}:";
    }

    static String generation(String owner) {
        return ownerPrefix(owner) + "gen";
    }

    static String data(String owner, long generation, String what) {
        return ownerPrefix(owner) + "g" + generation + ":" + what;
    }

    static String lease(String dataKey) {
        return dataKey + ":lease";
    }
}
