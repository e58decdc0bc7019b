package todoservice.todo;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import todoservice.auth.Owner;

/**
 * Bulk changes of an owner's todos that run as background jobs: the answer is {@code 202 Accepted} with the job's
 * {@code Location}. Implemented by the jobs feature, so this package does not depend on it.
 */
public interface TodoJobs {

    Response deleteAll(Owner owner, boolean finished, Optional<String> idempotencyKey, UriInfo uri);

    /** Finishes (or reopens) every todo of the owner, however many pages they fill. */
    Response markAll(Owner owner, boolean finished, Optional<String> idempotencyKey, UriInfo uri);
}
