package todoservice.ops;

import com.mongodb.client.MongoDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.bson.Document;
import todoservice.mongo.IndexSetup;

/**
 * Liveness says the process answers; readiness says it can serve todos (MongoDB answers a ping and the indexes
 * exist). Dependencies the service can live without will be listed in the body without failing readiness.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final MongoDatabase database;
    private final IndexSetup indexes;
    private final Supplier<Map<String, Object>> cache;
    private final Supplier<Map<String, Object>> jobs;

    /**
     * {@code cache} reports the shared cache tier and {@code jobs} the job queue's Redis: the service lives without
     * either (reads and single-todo writes go on), so neither decides readiness.
     */
    public HealthResource(MongoDatabase database, IndexSetup indexes, Supplier<Map<String, Object>> cache,
            Supplier<Map<String, Object>> jobs) {
        this.database = Objects.requireNonNull(database, "database");
        this.indexes = Objects.requireNonNull(indexes, "indexes");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @GET
    @Path("live")
    public Map<String, String> live() {
        return Map.of("status", "UP");
    }

    @GET
    @Path("ready")
    public Response ready() {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean mongoUp = pingMongo(checks);
        boolean indexesUp = indexes.isDone();
        checks.put("indexes", indexesUp
                ? Map.of("status", "UP")
                : Map.of("status", "DOWN", "error", indexes.lastError()));
        checks.put("redis", cache.get());
        checks.put("jobs", jobs.get());
        boolean ready = mongoUp && indexesUp;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("checks", checks);
        return Response.status(ready ? 200 : 503).entity(body).build();
    }

    private boolean pingMongo(Map<String, Object> checks) {
        long started = System.nanoTime();
        try {
            database.runCommand(new Document("ping", 1));
            checks.put("mongodb", Map.of("status", "UP", "latency_ms", (System.nanoTime() - started) / 1_000_000));
            return true;
        } catch (RuntimeException e) {
            checks.put("mongodb", Map.of("status", "DOWN",
                    "error", "MongoDB is unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            return false;
        }
    }
}
