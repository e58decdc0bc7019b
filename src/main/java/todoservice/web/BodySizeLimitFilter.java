package todoservice.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Refuses bodies over the configured size with 413: at once when {@code Content-Length} says so; a body of unknown
 * length (chunked) is read up to one byte past the limit first, so an oversized body is never read whole and the
 * body readers only ever see a complete, allowed body.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimitFilter implements ContainerRequestFilter {

    private final int maxBytes;
    private final String uploadPath;
    private final long uploadMaxBytes;

    /**
     * {@code uploadPath} (relative, e.g. {@code todo/import}) takes bodies up to {@code uploadMaxBytes}: its
     * resource streams them and enforces that limit itself, so they are not buffered here.
     */
    public BodySizeLimitFilter(int maxBytes, String uploadPath, long uploadMaxBytes) {
        this.maxBytes = maxBytes;
        this.uploadPath = uploadPath;
        this.uploadMaxBytes = uploadMaxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long length = request.getLength();
        if (length >= 0 && length <= maxBytes || length < 0 && !takesBody(request.getMethod())) {
            // Most requests: a small body, or a method none of our resources reads a body for; checked first so
            // that neither the path nor the stream is looked at.
            return;
        }
        if (uploadPath.equals(request.getUriInfo().getPath())) {
            if (length > uploadMaxBytes) {
                throw tooLarge(uploadMaxBytes);
            }
            return;
        }
        if (length > maxBytes) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            byte[] body = readAtMost(request.getEntityStream(), maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    private static boolean takesBody(String method) {
        return HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method);
    }

    private static byte[] readAtMost(InputStream in, int limit) {
        try {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body", e);
        }
    }

    private ApiException tooLarge() {
        return tooLarge(maxBytes);
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "The body is larger than " + limit + " bytes.");
    }
}
