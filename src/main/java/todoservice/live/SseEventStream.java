package todoservice.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * An {@link EventStream} over Jersey's SSE sink: {@code event: ready} (with {@code retry:}) and
 * {@code event: changed}, each with {@code data: {}}, and the comment {@code : heartbeat}.
 */
final class SseEventStream implements EventStream {

    /** How long a client waits before it reconnects after the stream ends (the {@code retry:} field). */
    static final long RETRY_MILLIS = 1000;
    private static final String DATA = "{}";

    private final SseEventSink sink;
    private final Map<Event, OutboundSseEvent> events = new EnumMap<>(Event.class);

    SseEventStream(SseEventSink sink, Sse sse) {
        this.sink = Objects.requireNonNull(sink, "sink");
        // text/plain, the default: the data is written as it is ({@code {}}), where a JSON writer would quote it.
        events.put(Event.READY, sse.newEventBuilder().name("ready").reconnectDelay(RETRY_MILLIS)
                .data(String.class, DATA).build());
        events.put(Event.CHANGED, sse.newEventBuilder().name("changed").data(String.class, DATA).build());
        events.put(Event.HEARTBEAT, sse.newEventBuilder().comment("heartbeat").build());
    }

    @Override
    public void send(Event event) throws IOException {
        if (sink.isClosed()) {
            throw new IOException("the event stream is closed");
        }
        // Jersey writes and flushes on the calling thread: the stage is done when send returns, exceptionally when
        // the write failed.
        try {
            sink.send(events.get(event)).toCompletableFuture().getNow(null);
        } catch (CompletionException e) {
            throw new IOException("writing the event failed", e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            sink.close();
        } catch (IOException e) {
            // Ending it anyway: the connection is gone.
        }
    }
}
