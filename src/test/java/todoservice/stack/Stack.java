package todoservice.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stack that {@code bin/stack} runs from this checkout (nginx, two Tomcat nodes, Redis, the development
 * store, all under supervisord): its programs, their processes and their logs.
 */
final class Stack implements AutoCloseable {

    static final int PUBLIC_PORT = 8888;
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path STATE = ROOT.resolve(".stack");
    private static final Pattern STATUS = Pattern.compile("^(\\S+)\\s+(\\S+).*$");
    /**
     * What the stack tests set for {@code bin/stack}, which hands it to the nodes. The development switch
     * AUTH_ANONYMOUS is off, as deployed: every request carries a token ({@link StackAccount}). The load tests
     * send hundreds of requests a second, import 20,000 todos and queue jobs by the dozen with one account, so the
     * per-account rate limit and quotas are set out of their reach (LimitsIT tests them); CORS is allowed for one
     * page.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "AUTH_ANONYMOUS", "false",
            "RATE_LIMIT_REQUESTS", "1000000000",
            "QUOTA_TODOS", "1000000",
            "QUOTA_JOB_FILES", "100000",
            "QUOTA_QUEUED_JOBS", "10000",
            "CORS_ALLOWED_ORIGINS", "https://todo.example.org");

    private final Path checkout;
    private final boolean startedHere;

    private Stack(Path checkout, boolean startedHere) {
        this.checkout = checkout;
        this.startedHere = startedHere;
    }

    /** Brings the stack up with {@code bin/stack up}, or uses the one already running from this checkout. */
    static Stack up() {
        if (run(Duration.ofSeconds(30), "bin/stack", "status").exitCode() == 0) {
            figure("stack already running: used as it is, left running");
            return new Stack(ROOT, false);
        }
        return upIn(ROOT);
    }

    /**
     * Brings a stack up with {@code bin/stack up} and its {@code options} (e.g. {@code --redis cluster}) run in
     * {@code checkout}; closing it brings it down.
     */
    static Stack upIn(Path checkout, String... options) {
        long start = System.nanoTime();
        String[] command = Stream.concat(Stream.of("bin/stack", "up"), Stream.of(options)).toArray(String[]::new);
        Result up = run(checkout, Duration.ofMinutes(15), command);
        if (up.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + up.exitCode() + "):\n"
                    + up.output());
        }
        figure("%s in %s: %.1f s (STACK_SKIP_BUILD=%s)", String.join(" ", command), checkout, seconds(start),
                System.getenv("STACK_SKIP_BUILD"));
        return new Stack(checkout, true);
    }

    @Override
    public void close() {
        if (startedHere) {
            long start = System.nanoTime();
            Result down = run(checkout, Duration.ofMinutes(3), "bin/stack", "down");
            figure("bin/stack down: %.1f s, exit %d", seconds(start), down.exitCode());
        }
    }

    record Program(String name, String state, long pid) {
    }

    /**
     * The program's state as supervisord reports it (RUNNING, STARTING, BACKOFF, EXITED, FATAL, ...) and its
     * process id (0 when none runs). {@code status} shows the pid only once a program is RUNNING; {@code pid}
     * also knows it while the program is STARTING.
     */
    static Program program(String name) {
        String line = supervisorctl("status", name).strip();
        Matcher m = STATUS.matcher(line);
        if (!m.matches()) {
            throw new IllegalStateException("Unexpected supervisorctl answer: " + line);
        }
        String pid = supervisorctl("pid", name).strip();
        return new Program(m.group(1), m.group(2), pid.matches("\\d+") ? Long.parseLong(pid) : 0);
    }

    static String supervisorctl(String... arguments) {
        String[] command = Stream.concat(Stream.of("supervisorctl", "-c", "supervisord.conf"), Stream.of(arguments))
                .toArray(String[]::new);
        return run(Duration.ofMinutes(2), command).output();
    }

    /** SIGKILL, as {@code kill -9}. */
    static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Established TCP connections to a local port, as {@code ss} counts them (the client side). */
    static int establishedTo(int port) {
        String out = run(Duration.ofSeconds(60), "ss", "-Htn", "state", "established", "( dport = :" + port + " )")
                .output();
        return (int) out.lines().filter(line -> !line.isBlank()).count();
    }

    static List<String> nginxAccessLog() {
        return lines(STATE.resolve("logs/nginx.access.log"));
    }

    /** The node's Tomcat access log lines (all days); node is "node1" or "node2". */
    static List<String> nodeAccessLog(String node) {
        try (Stream<Path> files = Files.list(STATE.resolve(node).resolve("logs"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("access.")).sorted()
                    .flatMap(f -> lines(f).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tomcat's own log of the node (catalina.*.log, all days). */
    static List<String> nodeCatalinaLog(String node) {
        try (Stream<Path> files = Files.list(STATE.resolve(node).resolve("logs"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("catalina.")).sorted()
                    .flatMap(f -> lines(f).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A measured figure: printed, and kept in .stack/figures.txt for the README. */
    static void figure(String format, Object... arguments) {
        String line = String.format(java.util.Locale.ROOT, format, arguments);
        System.out.println("stack figure: " + line);
        try {
            Files.createDirectories(STATE);
            Files.writeString(STATE.resolve("figures.txt"), java.time.Instant.now() + " " + line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command in the checkout; its output goes through a file, so a daemon it leaves behind cannot hang us. */
    static Result run(Duration limit, String... command) {
        return run(ROOT, limit, command);
    }

    static Result run(Path directory, Duration limit, String... command) {
        try {
            Path output = Files.createTempFile("stack-command", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
                builder.environment().putAll(SETTINGS);
                Process process = builder.start();
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took longer than " + limit
                            + ":\n" + Files.readString(output));
                }
                return new Result(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }
}
