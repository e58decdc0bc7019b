package todoservice.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Every POST and PATCH of this API carries a body (except {@code POST /todo/export}, whose parameters are in the
 * query), so one without {@code Content-Type} is refused with 415 before routing (Jersey would otherwise route it
 * to a form method and fail there).
 */
@PreMatching
public final class ContentTypeRequiredFilter implements ContainerRequestFilter {

    private static final String BODYLESS_POST = "todo/export";

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean needsBody = HttpMethod.POST.equals(method) && !BODYLESS_POST.equals(request.getUriInfo().getPath())
                || HttpMethod.PATCH.equals(method);
        if (needsBody && request.getMediaType() == null) {
            throw new jakarta.ws.rs.WebApplicationException(Problem.of(415,
                    "Content-Type is required: send application/json (or a form where the endpoint takes one).")
                    .toResponse().build());
        }
    }
}
