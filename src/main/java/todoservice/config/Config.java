package todoservice.config;

import com.mongodb.ConnectionString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The service's whole configuration, immutable. Every key, its default and its meaning are listed in the README;
 * {@link ConfigReader} builds it from context parameters, system properties and environment variables.
 */
public record Config(
        ConnectionString mongodbUri,
        boolean mongodbUriGiven,
        Duration mongodbTimeout,
        int mongodbMaxPoolSize,
        int todoMaxContentLength,
        int httpMaxBodyBytes,
        Duration idempotencyKeyTtl,
        Path devStoreDir) {

    public static final String DEFAULT_DATABASE = "todo";

    public Config {
        Objects.requireNonNull(mongodbUri, "mongodbUri");
        Objects.requireNonNull(mongodbTimeout, "mongodbTimeout");
        Objects.requireNonNull(idempotencyKeyTtl, "idempotencyKeyTtl");
        Objects.requireNonNull(devStoreDir, "devStoreDir");
    }

    /** The database named in the URI's path, or "todo". */
    public String mongodbDatabase() {
        String name = mongodbUri.getDatabase();
        return name == null || name.isBlank() ? DEFAULT_DATABASE : name;
    }

    /** Every key with its effective value, passwords masked: safe to log. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(ConfigReader.MONGODB_URI, redact(mongodbUri));
        shown.put(ConfigReader.MONGODB_TIMEOUT, mongodbTimeout.toMillis() + "ms");
        shown.put(ConfigReader.MONGODB_MAX_POOL_SIZE, Integer.toString(mongodbMaxPoolSize));
        shown.put(ConfigReader.TODO_MAX_CONTENT_LENGTH, Integer.toString(todoMaxContentLength));
        shown.put(ConfigReader.HTTP_MAX_BODY_BYTES, Integer.toString(httpMaxBodyBytes));
        shown.put(ConfigReader.IDEMPOTENCY_KEY_TTL, idempotencyKeyTtl.toString());
        shown.put(ConfigReader.DEV_STORE_DIR, devStoreDir.toString());
        return shown;
    }

    @Override
    public String toString() {
        return "Config" + describe();
    }

    static String redact(ConnectionString uri) {
        char[] password = uri.getPassword();
        if (password == null) {
            return uri.getConnectionString();
        }
        String text = uri.getConnectionString();
        int at = text.indexOf('@');
        int colon = text.lastIndexOf(':', at);
        return text.substring(0, colon + 1) + "****" + text.substring(at);
    }
}
