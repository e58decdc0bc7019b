package todoservice.live;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventStream} that keeps what was written to it, and can be made to fail like a dead connection. */
final class RecordingStream implements EventStream {

    final List<Event> events = new CopyOnWriteArrayList<>();
    volatile boolean broken;
    volatile boolean closed;

    @Override
    public void send(Event event) throws IOException {
        if (broken) {
            throw new IOException("Broken pipe");
        }
        events.add(event);
    }

    @Override
    public void close() {
        closed = true;
    }
}
