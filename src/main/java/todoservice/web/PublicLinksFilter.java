package todoservice.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Absolute links ({@code Location}, Todo-Backend {@code url}s) never come from an arbitrary {@code Host}: with a
 * public base URL they are built from it whatever the request says; otherwise the request's host (after a trusted
 * proxy's {@code X-Forwarded-Host}) must be one of the allowed hosts, or the request is refused.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 300)
public final class PublicLinksFilter implements ContainerRequestFilter {

    public static final String ANY_HOST = "*";

    private final Optional<URI> publicBase;
    private final Set<String> allowedHosts;

    /** {@code publicBase} ends with "/"; {@code allowedHosts} are lower-case names or {@link #ANY_HOST}. */
    public PublicLinksFilter(Optional<URI> publicBase, Set<String> allowedHosts) {
        this.publicBase = publicBase;
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (publicBase.isPresent()) {
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            String relative = request.getUriInfo().getPath(false) + (query == null ? "" : "?" + query);
            request.setRequestUri(publicBase.get(), publicBase.get().resolve(relative));
            return;
        }
        if (allowedHosts.contains(ANY_HOST)) {
            return;
        }
        String host = String.valueOf(request.getUriInfo().getBaseUri().getHost()).toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)) {
            throw ApiException.badRequest("This service does not answer for this host name.");
        }
    }
}
