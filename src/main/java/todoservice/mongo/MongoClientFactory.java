package todoservice.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import todoservice.config.Config;

/**
 * Builds the one {@link MongoClient} of the service. Timeouts are short by default (the driver waits 30 s for a
 * server), so a dead database is a quick 503 instead of request threads parked for half a minute. Options written
 * in {@code MONGODB_URI} itself win over these defaults.
 */
public final class MongoClientFactory {

    /** A socket read may take longer than finding a server: a big delete legitimately runs for seconds. */
    private static final Duration READ_TIMEOUT_FLOOR = Duration.ofSeconds(10);

    private MongoClientFactory() {
    }

    public static MongoClient create(Config config, MeterRegistry registry) {
        return com.mongodb.client.MongoClients.create(settings(config, registry));
    }

    static MongoClientSettings settings(Config config, MeterRegistry registry) {
        ConnectionString uri = config.mongodbUri();
        long timeoutMs = config.mongodbTimeout().toMillis();
        long readTimeoutMs = Math.max(READ_TIMEOUT_FLOOR.toMillis(), 4 * timeoutMs);
        return MongoClientSettings.builder()
                .applicationName("todo-service")
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeoutMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout((int) timeoutMs, TimeUnit.MILLISECONDS)
                        .readTimeout((int) readTimeoutMs, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool
                        .maxSize(config.mongodbMaxPoolSize())
                        .maxWaitTime(timeoutMs, TimeUnit.MILLISECONDS)
                        .addConnectionPoolListener(new MongoMetricsConnectionPoolListener(registry)))
                .addCommandListener(new MongoMetricsCommandListener(registry))
                .applyConnectionString(uri)
                .build();
    }
}
