package todoservice.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The accounts part of {@link Config}: Argon2id's cost ({@code hashMemoryKib} KiB of memory, {@code hashIterations}
 * passes, {@code hashParallelism} lanes), how many hashes a node computes at once and how long a caller waits for
 * its turn, how many failed logins an account or a client address may have per {@code loginWindow}, and how long a
 * login refused for having too many is held back before its 429 goes out ({@code loginRefusalDelay}).
 */
public record AuthSettings(
        int hashMemoryKib,
        int hashIterations,
        int hashParallelism,
        int hashConcurrency,
        Duration hashWait,
        int loginFailuresPerAccount,
        int loginFailuresPerAddress,
        Duration loginWindow,
        Duration loginRefusalDelay) {

    /** A stored hash asking for more than these is refused unread, so a corrupt one cannot exhaust the heap. */
    public static final int MAX_HASH_MEMORY_KIB = 1024 * 1024;
    public static final int MAX_HASH_ITERATIONS = 100;
    public static final int MAX_HASH_PARALLELISM = 16;

    public AuthSettings {
        Objects.requireNonNull(hashWait, "hashWait");
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(loginRefusalDelay, "loginRefusalDelay");
    }
}
