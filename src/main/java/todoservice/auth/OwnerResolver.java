package todoservice.auth;


/**
 * Decides whose todos a request may see, from its {@code Authorization} header (null when absent). Accounts will
 * resolve API tokens here; until then, one anonymous owner. Resources take the header as a {@code @HeaderParam}:
 * Jersey reads it straight from the request, where a {@code @Context ContainerRequestContext} parameter cost ~8 % of
 * a cached read's CPU in its per-request injection (JFR).
 */
@FunctionalInterface
public interface OwnerResolver {

    OwnerResolver ANONYMOUS = authorization -> Owner.ANONYMOUS;

    Owner resolve(String authorization);
}
