package todoservice.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Where configuration values come from; a key has the same name in every source. */
@FunctionalInterface
public interface ConfigSource {

    Optional<String> get(String key);

    /** The first source that has a non-blank value wins. */
    static ConfigSource firstOf(List<ConfigSource> sources) {
        List<ConfigSource> ordered = List.copyOf(sources);
        return key -> ordered.stream()
                .map(source -> source.get(key))
                .flatMap(Optional::stream)
                .filter(value -> !value.isBlank())
                .findFirst();
    }

    static ConfigSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key));
    }

    static ConfigSource from(Function<String, String> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        return key -> Optional.ofNullable(lookup.apply(key));
    }

    static ConfigSource systemProperties() {
        return from(System::getProperty);
    }

    static ConfigSource environment() {
        return from(System::getenv);
    }
}
