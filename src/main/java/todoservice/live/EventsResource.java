package todoservice.live;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Objects;
import todoservice.auth.OwnerResolver;
import todoservice.auth.Scope;

/**
 * {@code GET /events}: a server-sent event stream that tells the caller when its todos change, on any node. The
 * answer holds no request thread (an async servlet request): the method returns at once and {@link ChangeFeed}
 * writes to the stream from its own threads.
 */
@Path("events")
public final class EventsResource {

    private final ChangeFeed feed;
    private final OwnerResolver owners;

    public EventsResource(ChangeFeed feed, OwnerResolver owners) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    /** Refusals (401, 403, 429, 503) are thrown before the stream is touched, so they are ordinary problem answers. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context SseEventSink sink,
            @Context Sse sse) {
        String owner = owners.resolve(authorization, Scope.READ).id();
        feed.open(owner, new SseEventStream(sink, sse));
    }

    /**
     * The stream's headers without a stream. Without this method Jersey would answer HEAD through the one above,
     * whose answer never ends (and whose stream, never written, would stay registered).
     */
    @HEAD
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response head(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        owners.resolve(authorization, Scope.READ);
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS_TYPE).build();
    }
}
