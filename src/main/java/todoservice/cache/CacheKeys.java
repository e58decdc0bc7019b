package todoservice.cache;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The one place Redis keys are built. Every key names its owner (in a Redis Cluster hash tag, so one owner's keys
 * share a slot), the schema version (part of the application's key prefix) and, for data, the owner's generation:
 * a write bumps the generation, which makes every older entry of that owner unreachable at once, including pages
 * whose keys nobody could list.
 */
public final class CacheKeys {

    private final String prefix;

    public CacheKeys(CacheNames names) {
        this.prefix = Objects.requireNonNull(names, "names").keyPrefix();
    }

    /**
     * Writes announce an owner's new generation on one of this many channels, chosen by the owner: on a Redis
     * Cluster each is a sharded channel in its own slot, so announcements spread over the shards.
     */
    static final int INVALIDATION_CHANNELS = 8;

    /** Every channel on which writes announce new generations. */
    List<String> invalidationChannels() {
        return IntStream.range(0, INVALIDATION_CHANNELS).mapToObj(this::invalidationChannel).toList();
    }

    /** The channel on which writes of {@code owner} announce its new generations. */
    String invalidationChannel(String owner) {
        return invalidationChannel(Math.floorMod(owner.hashCode(), INVALIDATION_CHANNELS));
    }

    private String invalidationChannel(int bucket) {
        return prefix + "invalidations:{inv" + bucket + "}";
    }

    /**
     * A counter in every data key, bumped by a node that comes back from a Redis outage: writes it made, or that
     * a node which died meanwhile made, could not invalidate anything while Redis was unreachable.
     */
    String epoch() {
        return prefix + "epoch";
    }

    /** The counter every write of {@code owner} bumps (a benchmark bumps it to force misses). */
    public String generation(String owner) {
        return ownerPrefix(owner) + "gen";
    }

    /** Where the value of {@code what}, the logical key the caller gave, is kept under a stamp. */
    String data(String owner, Stamp stamp, String what) {
        return ownerPrefix(owner) + "e" + stamp.epoch() + "g" + stamp.generation() + ":" + what;
    }

    private String ownerPrefix(String owner) {
        return prefix + "{" + owner + "}:";
    }

    static String lease(String dataKey) {
        return dataKey + ":lease";
    }
}
