package todoservice.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.web.ApiException;

/**
 * The open event streams of this node by owner, and what tells them that the owner's todos changed: a write on this
 * node ({@link #changedHere}), a write anywhere announced over the cache's invalidation channel ({@link #announced}),
 * or the end of an outage of that channel ({@link #everyoneChanged}). Reporting a change looks up one owner and
 * takes no lock; the writes to the streams happen on the sender threads ({@link OpenStream}).
 * <p>
 * A "refetch" reaches a client only once a read anywhere is sure to see the change: a write on this node reports it
 * after the cache has waited out the generation reuse, and an announcement, which a node receives before its writer
 * has waited, is passed on {@code visibleAfter} (the reuse) later; so is a new stream's {@link Event#READY}.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    /** One owner's streams, and the generation last passed on to them (its echo over pub/sub is not sent twice). */
    private static final class Owned {
        final Set<OpenStream> streams = ConcurrentHashMap.newKeySet();
        final AtomicLong lastGeneration = new AtomicLong(Long.MIN_VALUE);
    }

    private final ConcurrentMap<String, Owned> owners = new ConcurrentHashMap<>();
    private final int maxPerOwner;
    private final String unlimitedOwner;
    private final long visibleAfterNanos;
    private final ScheduledExecutorService sender;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<Event, Counter> sent = new EnumMap<>(Event.class);

    /**
     * @param maxPerOwner streams one owner may keep open on this node, 0 for no bound
     * @param unlimitedOwner the development owner, never bounded (like its quotas)
     * @param visibleAfter how long after a change is announced a read on any node is sure to see it
     *     ({@code CACHE_GENERATION_REUSE})
     * @param sender writes to the streams; a few threads serve every stream
     */
    public ChangeFeed(int maxPerOwner, String unlimitedOwner, Duration visibleAfter, ScheduledExecutorService sender,
            MeterRegistry registry) {
        if (maxPerOwner < 0) {
            throw new IllegalArgumentException("maxPerOwner must be 0 (no bound) or more");
        }
        this.maxPerOwner = maxPerOwner;
        this.unlimitedOwner = Objects.requireNonNull(unlimitedOwner, "unlimitedOwner");
        this.visibleAfterNanos = visibleAfter.toNanos();
        this.sender = Objects.requireNonNull(sender, "sender");
        Gauge.builder("todo.events.streams", open, AtomicInteger::get)
                .description("Event streams (GET /events) open on this node").register(registry);
        for (Event event : Event.values()) {
            sent.put(event, Counter.builder("todo.events.sent").tag("event", event.name().toLowerCase(Locale.ROOT))
                    .description("Events written to streams").register(registry));
        }
    }

    /**
     * Adds {@code stream} for {@code owner}; it gets {@link Event#READY} first. Throws a 429 when the owner already
     * has its bound of streams open here, a 503 once the node is stopping; the stream is then left untouched.
     */
    public void open(String owner, EventStream stream) {
        if (closed.get()) {
            throw stopping();
        }
        OpenStream opened = new OpenStream(owner, stream, sender, this::remove, event -> sent.get(event).increment());
        boolean bounded = maxPerOwner > 0 && !unlimitedOwner.equals(owner);
        boolean[] full = {false};
        owners.compute(owner, (id, owned) -> {
            Owned streams = owned == null ? new Owned() : owned;
            if (bounded && streams.streams.size() >= maxPerOwner) {
                full[0] = true;
                return owned;
            }
            streams.streams.add(opened);
            open.incrementAndGet();
            return streams;
        });
        if (full[0]) {
            throw ApiException.limitReached(429, "event_streams", "This account has " + maxPerOwner
                    + " event streams open on this server, its limit; close one (a tab) first.",
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        if (closed.get()) {
            // Closing raced with this open and may have missed it.
            remove(opened);
            opened.end();
            return;
        }
        later(() -> opened.offer(Event.READY));
    }

    /**
     * A write of {@code owner}'s todos on this node, reported once the cache has waited out the generation reuse;
     * {@code generation} is what the cache announced for it, empty when it announced nothing (no Redis).
     */
    public void changedHere(String owner, OptionalLong generation) {
        Owned owned = owners.get(owner);
        if (owned != null && (generation.isEmpty() || isNew(owned, generation.getAsLong()))) {
            offer(owned, Event.CHANGED);
        }
    }

    /** A write anywhere, announced over pub/sub (this node's own come back too). */
    public void announced(String owner, long generation) {
        Owned owned = owners.get(owner);
        if (owned != null && isNew(owned, generation)) {
            later(() -> offer(owned, Event.CHANGED));
        }
    }

    /** Announcements may have been lost (the subscription to Redis was down): every stream refetches. */
    public void everyoneChanged() {
        later(() -> owners.values().forEach(owned -> offer(owned, Event.CHANGED)));
    }

    /** Writes a comment to every stream, so a dead connection is found and dropped. */
    public void heartbeat() {
        owners.values().forEach(owned -> offer(owned, Event.HEARTBEAT));
    }

    /** Streams open on this node. */
    public int openStreams() {
        return open.get();
    }

    /** Ends every stream (clients reconnect, to another node) and refuses new ones. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        int ended = 0;
        for (Owned owned : owners.values()) {
            for (OpenStream stream : owned.streams) {
                remove(stream);
                stream.end();
                ended++;
            }
        }
        if (ended > 0) {
            log.info("Ended {} event stream(s): stopping", ended);
        }
    }

    /** Only the first report of a generation is passed on: each write comes here once from its node, once by pub/sub. */
    private static boolean isNew(Owned owned, long generation) {
        return owned.lastGeneration.getAndSet(generation) != generation;
    }

    private static void offer(Owned owned, Event event) {
        owned.streams.forEach(stream -> stream.offer(event));
    }

    private void later(Runnable task) {
        try {
            sender.schedule(task, visibleAfterNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // The sender is shut down after this feed: nothing is left to tell.
        }
    }

    private void remove(OpenStream stream) {
        owners.computeIfPresent(stream.owner(), (id, owned) -> {
            if (owned.streams.remove(stream)) {
                open.decrementAndGet();
            }
            return owned.streams.isEmpty() ? null : owned;
        });
    }

    private static ApiException stopping() {
        return new ApiException(503, "This server is stopping; reconnect (to another one).",
                Map.of("Retry-After", "1"));
    }
}
