package todoservice.auth;

/**
 * Decides whose data a request may touch, and whether it may do what it asks, from its {@code Authorization}
 * header (null when absent). Resources take the header as a {@code @HeaderParam}: Jersey reads it straight from
 * the request, where a {@code @Context ContainerRequestContext} parameter cost ~8 % of a cached read's CPU in its
 * per-request injection (JFR).
 */
@FunctionalInterface
public interface OwnerResolver {

    /**
     * The owner the request acts for. Throws a 401 {@code ApiException} when it carries no valid token, a 403 when
     * its token lacks {@code needed}.
     */
    Owner resolve(String authorization, Scope needed);
}
