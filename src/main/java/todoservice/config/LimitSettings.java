package todoservice.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The fair-use part of {@link Config}: how many requests an account may make per {@code rateWindow}, and how many
 * todos, stored job files, unfinished jobs and (per node) open event streams it may have at once. Zero means no
 * limit.
 */
public record LimitSettings(
        int requestsPerWindow,
        Duration rateWindow,
        int maxTodos,
        int maxJobFiles,
        int maxQueuedJobs,
        int maxEventStreams) {

    public LimitSettings {
        Objects.requireNonNull(rateWindow, "rateWindow");
    }

    /** No limits at all: what a test or a tool that builds its own settings starts from. */
    public static LimitSettings none() {
        return new LimitSettings(0, Duration.ofMinutes(1), 0, 0, 0, 0);
    }
}
