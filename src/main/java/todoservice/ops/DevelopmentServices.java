package todoservice.ops;

import java.util.Optional;
import java.util.ServiceLoader;
import todoservice.config.Config;

/**
 * A hook for {@code mvn jetty:run} ({@code DEV_SERVICES=true}): starts local servers for what the configuration
 * leaves unset (a development MongoDB store, a Redis) or finds them already listening, and returns the
 * configuration pointing at them. The implementation lives in test scope only, so a deployed WAR never contains
 * one and never invents a database.
 */
public interface DevelopmentServices extends AutoCloseable {

    Config start(Config config);

    @Override
    void close();

    static Optional<DevelopmentServices> find(ClassLoader loader) {
        return ServiceLoader.load(DevelopmentServices.class, loader).findFirst();
    }
}
