package todoservice.live;

import java.io.IOException;

/** One open {@code GET /events} answer, as {@link ChangeFeed} writes to it (Jersey's SSE sink in production). */
public interface EventStream {

    /** Writes {@code event} and flushes it; throws when the connection is gone. */
    void send(Event event) throws IOException;

    /** Ends the answer; the client reconnects after the retry delay. */
    void close();
}
