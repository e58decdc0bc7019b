package todoservice.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.util.Objects;
import todoservice.web.ApiException;

/** Prometheus text exposition of every meter, for operators only ({@link OperatorAccess}). */
@Path("metrics")
public final class MetricsResource {

    private final PrometheusMeterRegistry registry;
    private final OperatorAccess operators;

    public MetricsResource(PrometheusMeterRegistry registry, OperatorAccess operators) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.operators = Objects.requireNonNull(operators, "operators");
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape(@Context HttpServletRequest request, @HeaderParam("Authorization") String authorization) {
        if (!operators.allows(request, authorization)) {
            throw new ApiException(403,
                    "Metrics are served to loopback clients or with the METRICS_TOKEN bearer token.");
        }
        return registry.scrape();
    }
}
