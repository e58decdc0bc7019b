package todoservice.mongo;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import todoservice.ops.HealthCheck;

/** The readiness checks of the database: it answers a ping, and the indexes exist. */
public final class MongoHealth {

    private MongoHealth() {
    }

    public static HealthCheck ping(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        return new HealthCheck("mongodb", true, () -> {
            long started = System.nanoTime();
            try {
                database.runCommand(new Document("ping", 1));
                return Map.of("status", "UP", "latency_ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                return HealthCheck.down(
                        "MongoDB is unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    public static HealthCheck indexes(IndexSetup indexes) {
        Objects.requireNonNull(indexes, "indexes");
        return new HealthCheck("indexes", true,
                () -> indexes.isDone() ? HealthCheck.UP : HealthCheck.down(indexes.lastError()));
    }
}
