package todoservice.cache;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A cached value with its freshness: fresh until {@code freshUntilMillis}, then a stale copy until the L2 TTL
 * removes it. {@code loadMillis} is how long the database took to build it, which XFetch weighs when it decides
 * to refresh early. Stored in Redis as a small binary header followed by the body.
 */
public record CacheEntry(CachedValue value, long freshUntilMillis, int loadMillis) {

    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 1 + 8 + 4 + 8;

    public boolean isFresh(long nowMillis) {
        return nowMillis < freshUntilMillis;
    }

    /** Approximate heap cost, for the L1 weigher. */
    public int weight() {
        return value.body().length + 96;
    }

    public byte[] encode() {
        byte[] body = value.body();
        return ByteBuffer.allocate(HEADER + body.length)
                .put(FORMAT)
                .put((byte) (value.absent() ? 1 : 0))
                .putLong(freshUntilMillis)
                .putInt(loadMillis)
                .putLong(value.version())
                .put(body)
                .array();
    }

    /** Empty when the bytes are not an entry of this format (an older release's, or garbage). */
    public static Optional<CacheEntry> decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER || bytes[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        boolean absent = buffer.get() == 1;
        long freshUntil = buffer.getLong();
        int loadMillis = buffer.getInt();
        long version = buffer.getLong();
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        CachedValue value = absent ? CachedValue.ABSENT : CachedValue.of(body, version);
        return Optional.of(new CacheEntry(value, freshUntil, loadMillis));
    }
}
