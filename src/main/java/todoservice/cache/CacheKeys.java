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

    /**
     * A counter in every data key, bumped by a node that comes back from a Redis outage: writes it made, or that
     * a node which died meanwhile made, could not invalidate anything while Redis was unreachable.
     */
    static final String EPOCH = PREFIX + "epoch";

    static String ownerPrefix(String owner) {
        return PREFIX + "{" + owner + "}:";
    }

    static String generation(String owner) {
        return ownerPrefix(owner) + "gen";
    }

    static String data(String owner, Stamp stamp, String what) {
        return ownerPrefix(owner) + "e" + stamp.epoch() + "g" + stamp.generation() + ":" + what;
    }

    /** The epoch and the owner's generation a read used for its keys. */
    record Stamp(long epoch, long generation) {
    }

    static String lease(String dataKey) {
        return dataKey + ":lease";
    }
}
