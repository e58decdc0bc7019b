package todoservice.config;

import java.util.List;

/** Startup stops with this when one or more keys hold invalid values; the message names every bad key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(List<String> problems) {
        super("Invalid configuration: " + String.join("; ", problems));
    }
}
