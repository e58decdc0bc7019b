package todoservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Jersey's servlet answers a {@code Content-Type} it cannot parse with an empty 400 before any JAX-RS filter or
 * mapper runs, and clears the headers set so far (the request id, CORS). This servlet filter hides such a header
 * from Jersey and leaves it in a request attribute, which {@link HeaderSyntaxFilter} turns into a problem answer.
 */
public final class MalformedContentTypeFilter extends HttpFilter {

    /** The request attribute holding the unparsable header (Jersey shows attributes as request properties). */
    static final String ATTRIBUTE = MalformedContentTypeFilter.class.getName() + ".value";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || parses(contentType)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ATTRIBUTE, contentType);
        chain.doFilter(new WithoutContentType(request), response);
    }

    private static boolean parses(String contentType) {
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final class WithoutContentType extends HttpServletRequestWrapper {

        WithoutContentType(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return isContentType(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isContentType(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !isContentType(name)).toList());
        }

        private static boolean isContentType(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
        }
    }
}
