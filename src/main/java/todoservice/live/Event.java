package todoservice.live;

/**
 * What a stream of {@code GET /events} carries. Each says "refetch" or nothing at all: none carries data a client
 * could miss, so a stream may drop a {@link #CHANGED} that a later one covers (see {@link OpenStream}).
 */
public enum Event {
    /** First on every stream, with the reconnection delay: the stream is up, refetch once. */
    READY,
    /** The owner's todos changed here or on another node or worker: refetch. */
    CHANGED,
    /** A comment, so proxies and the node notice a dead connection; clients ignore it. */
    HEARTBEAT
}
