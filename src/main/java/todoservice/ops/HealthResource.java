package todoservice.ops;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Liveness says the process answers; readiness says it can serve todos: every required {@link HealthCheck} is up
 * (MongoDB answers a ping and the indexes exist). Dependencies the service can live without are listed in the body
 * without failing readiness. Why a dependency is down (driver messages, hosts) is shown to operators only
 * ({@link OperatorAccess}); anyone else reads each dependency's status.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final List<HealthCheck> checks;
    private final OperatorAccess operators;

    /** {@code checks} in the order the body lists them. */
    public HealthResource(List<HealthCheck> checks, OperatorAccess operators) {
        this.checks = List.copyOf(checks);
        this.operators = Objects.requireNonNull(operators, "operators");
    }

    @GET
    @Path("live")
    public Map<String, String> live() {
        return Map.of("status", "UP");
    }

    @GET
    @Path("ready")
    public Response ready(@Context HttpServletRequest request, @HeaderParam("Authorization") String authorization) {
        boolean details = operators.allows(request, authorization);
        Map<String, Object> results = new LinkedHashMap<>();
        boolean ready = true;
        for (HealthCheck check : checks) {
            Map<String, Object> result = check.probe().get();
            results.put(check.name(), details ? result : Map.of("status", result.get("status")));
            ready &= !check.required() || HealthCheck.isUp(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("checks", results);
        return Response.status(ready ? 200 : 503).entity(body).build();
    }
}
