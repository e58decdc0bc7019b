package todoservice.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import todoservice.todo.Owner;

/** Decides whose todos a request may see. Accounts will resolve API tokens here; until then, one anonymous owner. */
@FunctionalInterface
public interface OwnerResolver {

    OwnerResolver ANONYMOUS = request -> Owner.ANONYMOUS;

    Owner resolve(ContainerRequestContext request);
}
