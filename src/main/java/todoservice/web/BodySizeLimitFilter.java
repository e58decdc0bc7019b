package todoservice.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the configured size with 413: at once when {@code Content-Length} says so, and while
 * reading when a chunked body grows past it, so an oversized body is never buffered whole.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimitFilter implements ContainerRequestFilter {

    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream()));
    }

    private WebApplicationException tooLarge() {
        return new WebApplicationException(
                Problem.of(413, "The body is larger than " + maxBytes + " bytes.").toResponse().build());
    }

    /** Thrown from inside the body reader; the body readers wrap it, so it is found in the cause chain. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        final transient WebApplicationException answer;

        BodyTooLargeException(WebApplicationException answer) {
            super(answer.getMessage());
            this.answer = answer;
        }
    }

    private final class LimitedStream extends FilterInputStream {
        private long read;

        LimitedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(tooLarge());
            }
        }
    }
}
