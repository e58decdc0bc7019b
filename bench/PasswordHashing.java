// bench/PasswordHashing.java - logins per second per core: PasswordHasher.matches (Argon2id, as a login checks a
// password) under the application's AUTH_HASH_* settings, taken like the application takes them (system properties,
// then environment variables, then the defaults).
//
//   java -cp "$CLASSPATH_TEST" bench/PasswordHashing.java [--seconds S] [--threads 1,2]
//   AUTH_HASH_MEMORY_KIB=65536 java -cp "$CLASSPATH_TEST" bench/PasswordHashing.java
//
// A warm-up of S seconds on one thread, then for each thread count T, S seconds of T threads checking a password
// in a loop through HashingSlots(T). Per round: checks per second (wall clock), and per core from the CPU time the
// checking threads used (ThreadMXBean), which other work on a shared machine does not inflate; ms_per_check is the
// CPU time of one check. Output: one "bench-result key=value ..." line per round.

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import todoservice.auth.HashingSlots;
import todoservice.auth.PasswordHasher;
import todoservice.config.AuthSettings;
import todoservice.config.ConfigReader;
import todoservice.config.ConfigSource;

public class PasswordHashing {

    static final String PASSWORD = "correct horse battery staple";
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** Checks counted and CPU nanoseconds used by one thread. */
    record Work(long checks, long cpuNanos) {
    }

    public static void main(String[] args) throws Exception {
        long seconds = 10;
        List<Integer> threadCounts = List.of(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--threads" -> threadCounts = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        AuthSettings settings = ConfigReader.read(ConfigSource.firstOf(List.of(ConfigSource.systemProperties(),
                ConfigSource.environment()))).auth();
        round("warmup", settings, 1, seconds);
        for (int threads : threadCounts) {
            round("measured", settings, threads, seconds);
        }
    }

    static void round(String kind, AuthSettings settings, int threads, long seconds) throws Exception {
        var registry = new SimpleMeterRegistry();
        PasswordHasher hasher = new PasswordHasher(settings, new HashingSlots(threads, Duration.ofSeconds(30),
                registry), registry);
        String stored = hasher.hash(PASSWORD);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Work>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> checkUntil(hasher, stored, deadline)));
        }
        long checks = 0;
        long cpuNanos = 0;
        for (Future<Work> future : futures) {
            checks += future.get().checks();
            cpuNanos += future.get().cpuNanos();
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "bench-result round=%s memory_kib=%d iterations=%d parallelism=%d threads=%d"
                        + " checks=%d seconds=%.1f per_second=%.1f per_core=%.1f ms_per_check=%.1f%n",
                kind, settings.hashMemoryKib(), settings.hashIterations(), settings.hashParallelism(), threads,
                checks, wallSeconds, checks / wallSeconds, checks / (cpuNanos / 1e9), cpuNanos / 1e6 / checks);
    }

    static Work checkUntil(PasswordHasher hasher, String stored, long deadline) {
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long checks = 0;
        while (System.nanoTime() < deadline) {
            if (!hasher.matches(PASSWORD, stored)) {
                throw new IllegalStateException("the password did not match its own hash");
            }
            checks++;
        }
        return new Work(checks, CPU.getCurrentThreadCpuTime() - cpuStart);
    }
}
