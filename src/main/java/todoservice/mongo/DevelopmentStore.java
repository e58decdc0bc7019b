package todoservice.mongo;

import java.util.ServiceLoader;
import todoservice.config.Config;

/**
 * A hook for {@code mvn jetty:run}: when {@code MONGODB_URI} is not set, an implementation found on the
 * classpath may start a local store first. The implementation lives in test scope only, so a deployed WAR never
 * contains one and never invents a database.
 */
public interface DevelopmentStore extends AutoCloseable {

    /** Starts the store (or finds one already listening) where the default {@code MONGODB_URI} points. */
    void start(Config config);

    @Override
    void close();

    static java.util.Optional<DevelopmentStore> find(ClassLoader loader) {
        return ServiceLoader.load(DevelopmentStore.class, loader).findFirst();
    }
}
