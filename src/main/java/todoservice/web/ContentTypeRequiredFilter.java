package todoservice.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Set;

/**
 * Every POST and PATCH of this API carries a body (except the POSTs whose parameters are all in the query, such as
 * {@code POST /todo/export}), so one without {@code Content-Type} is refused with 415 before the method runs (Jersey
 * would otherwise pick a form method and fail there). After routing, so a method the path lacks is still a 405.
 */
public final class ContentTypeRequiredFilter implements ContainerRequestFilter {

    private final Set<String> bodylessPosts;

    /** {@code bodylessPosts}: the relative paths (a resource's {@code PATH}) whose POST takes no body. */
    public ContentTypeRequiredFilter(Set<String> bodylessPosts) {
        this.bodylessPosts = Set.copyOf(bodylessPosts);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean needsBody = HttpMethod.POST.equals(method) && !bodylessPosts.contains(request.getUriInfo().getPath())
                || HttpMethod.PATCH.equals(method);
        if (needsBody && request.getMediaType() == null) {
            throw new ApiException(415,
                    "Content-Type is required: send application/json (or a form where the endpoint takes one).");
        }
    }
}
