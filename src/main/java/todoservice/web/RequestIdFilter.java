package todoservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * Every request gets an id: the proxy's {@code X-Request-Id} when it is well formed, a new one otherwise. It is
 * in every log line of the request (MDC key {@code request_id}) and echoed in the answer. A servlet filter (see
 * web.xml), not a JAX-RS one: it needs nothing from Jersey, and Jersey merges and sorts its response filters
 * again on every request.
 */
public final class RequestIdFilter extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final int MAX_LENGTH = 128;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String given = request.getHeader(HEADER);
        String id = wellFormed(given) ? given : newId();
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
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
}
