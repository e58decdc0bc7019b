package todoservice.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Answers a change that {@link SessionCookieFilter} refused (the session cookie without its CSRF token) with a 403
 * problem of type {@link Problem#CSRF}, before anything else looks at the request. The servlet filter only marks
 * the request, as {@link MalformedContentTypeFilter} does, so the answer is written by Jersey like every other one.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 400)
public final class CsrfRefusalFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(SessionCookieFilter.REFUSAL) instanceof String detail) {
            request.abortWith(Problem.csrfRefused(detail).toResponse().build());
        }
    }
}
