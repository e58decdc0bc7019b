package todoservice.live;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream in the {@link ChangeFeed}, with what is still to be written to it. Writes happen on the feed's sender
 * threads, one at a time per stream, never on the thread that reports a change: a write can block while the
 * client's connection is full. Events offered while one is being written are merged: at most one of each kind
 * waits, and a {@link Event#READY} also answers for a waiting {@link Event#CHANGED} (both mean "refetch"), so a
 * burst of writes costs a slow client one event, not a queue. {@code READY} is always the first event written.
 */
final class OpenStream {

    private static final Logger log = LoggerFactory.getLogger(OpenStream.class);
    private static final int READY = 1;
    private static final int CHANGED = 2;
    private static final int HEARTBEAT = 4;

    private final String owner;
    private final EventStream stream;
    private final Executor sender;
    private final Consumer<OpenStream> onFailure;
    private final Consumer<Event> onSent;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Written and read only while {@code draining} is held. */
    private boolean readySent;

    OpenStream(String owner, EventStream stream, Executor sender, Consumer<OpenStream> onFailure,
            Consumer<Event> onSent) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.onSent = Objects.requireNonNull(onSent, "onSent");
    }

    String owner() {
        return owner;
    }

    /** Queues {@code event} (merged with one already waiting) and has it written soon. */
    void offer(Event event) {
        if (ended.get()) {
            return;
        }
        int bit = bit(event);
        pending.getAndUpdate(waiting -> waiting | bit);
        if (draining.compareAndSet(false, true)) {
            try {
                sender.execute(this::drain);
            } catch (RejectedExecutionException closing) {
                draining.set(false);
            }
        }
    }

    /** Ends the stream once; what is still waiting is not written. */
    void end() {
        if (ended.compareAndSet(false, true)) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                log.debug("Closing an event stream failed", e);
            }
        }
    }

    private void drain() {
        while (true) {
            Event next = next(pending.get());
            if (next == null) {
                draining.set(false);
                // An offer made since the read saw draining held and left the event to this loop: look again.
                if (next(pending.get()) == null || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            // Cleared before the write, so whatever is offered from now on is written after it.
            pending.getAndUpdate(waiting -> waiting & ~answered(next));
            if (ended.get() || !write(next)) {
                draining.set(false);
                return;
            }
        }
    }

    /** The event to write now: READY first; nothing else before it. */
    private Event next(int waiting) {
        if ((waiting & READY) != 0) {
            return Event.READY;
        }
        if (!readySent) {
            return null;
        }
        if ((waiting & CHANGED) != 0) {
            return Event.CHANGED;
        }
        return (waiting & HEARTBEAT) != 0 ? Event.HEARTBEAT : null;
    }

    private boolean write(Event event) {
        try {
            stream.send(event);
        } catch (Exception e) {
            // The client went away (or the container ended the answer): a dead stream is dropped at once.
            log.debug("Event stream of {} failed: {}", owner, e.toString());
            end();
            onFailure.accept(this);
            return false;
        }
        if (event == Event.READY) {
            readySent = true;
        }
        onSent.accept(event);
        return true;
    }

    private static int bit(Event event) {
        return switch (event) {
            case READY -> READY;
            case CHANGED -> CHANGED;
            case HEARTBEAT -> HEARTBEAT;
        };
    }

    /** What writing {@code event} answers for: any event keeps the connection alive, READY also says refetch. */
    private static int answered(Event event) {
        return switch (event) {
            case READY -> READY | CHANGED | HEARTBEAT;
            case CHANGED -> CHANGED | HEARTBEAT;
            case HEARTBEAT -> HEARTBEAT;
        };
    }
}
