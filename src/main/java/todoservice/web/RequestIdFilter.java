package todoservice.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * Every request gets an id: the proxy's {@code X-Request-Id} when it is well formed, a new one otherwise. It is
 * in every log line of the request (MDC key {@code request_id}) and echoed in the answer.
 */
@PreMatching
@Priority(1)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final int MAX_LENGTH = 128;

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = wellFormed(given) ? given : newId();
        request.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
    }

    /**
     * 32 hex digits, like nginx's {@code $request_id}. An id must be unique, not unguessable: ThreadLocalRandom, not
     * UUID.randomUUID(), whose SecureRandom showed in JFR on every request that came without one.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** 1 to 128 of {@code A-Z a-z 0-9 . _ : -}; checked by hand: it runs on every request (a regex showed in JFR). */
    static boolean wellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove(MDC_KEY);
    }
}
