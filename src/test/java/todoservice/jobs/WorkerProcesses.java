package todoservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import todoservice.it.Poll;

/**
 * Real job worker processes ({@link TestWorkerMain}, each in a JVM of its own, the same java and classpath as the
 * test), with the signals an operator or the kernel sends them. Each writes its output to a log file under
 * {@code target/worker-logs/}, whose path is printed when the test fails. Every process still alive after a test
 * is killed. Use with {@code @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();}.
 */
public final class WorkerProcesses implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    private static final Pattern STARTED = Pattern.compile("Job worker \\S+ started");
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Path LOGS = Path.of("target", "worker-logs");
    private static final List<String> CONFIG_PREFIXES = List.of("MONGODB_", "REDIS_", "CACHE_", "JOBS_", "DEV_",
            "TODO_", "HTTP_", "IDEMPOTENCY_", "METRICS_");

    /** Every worker any test started, killed if the test JVM itself stops before its tests clean up. */
    private static final List<Process> ALL = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(Process::destroyForcibly),
                "worker-processes-cleanup"));
    }

    private final List<WorkerProcess> started = new CopyOnWriteArrayList<>();
    private String testName = "test";

    /** A started worker process. */
    public static final class WorkerProcess {
        private final String name;
        private final Process process;
        private final Path log;

        private WorkerProcess(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        long pid() {
            return process.pid();
        }

        String name() {
            return name;
        }

        Path logFile() {
            return log;
        }

        /** Everything the process wrote so far. */
        String log() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** {@code kill -9}: the process ends at once, without running anything of its own. */
        void kill() {
            process.destroyForcibly();
            assertThat(awaitExit(Duration.ofSeconds(30))).as("%s ended after SIGKILL", this).isTrue();
        }

        /** SIGTERM, as supervisord sends on stop: the JVM's shutdown hooks run. */
        void terminate() {
            process.destroy();
        }

        /**
         * SIGSTOP: the process is frozen (as by a long GC pause or a stalled VM) until {@link #resume}. Returns once
         * the kernel reports it stopped.
         */
        void pause() {
            signal("STOP");
            assertThat(Poll.until(Duration.ofSeconds(30), () -> "T".equals(state())))
                    .as("%s stopped after SIGSTOP; its state is %s", this, state()).isTrue();
        }

        /** The process state letter from {@code /proc/<pid>/stat} (R, S, T for stopped...). */
        private String state() {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            } catch (IOException e) {
                return "gone";
            }
        }

        /** SIGCONT. */
        void resume() {
            signal("CONT");
        }

        boolean awaitExit(Duration limit) {
            try {
                return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        private void signal(String signal) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                        .redirectErrorStream(true).start();
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(kill.waitFor(30, TimeUnit.SECONDS)).as("kill -%s %s returned", signal, this).isTrue();
                assertThat(kill.exitValue()).as("kill -%s %s: %s", signal, this, output).isZero();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "worker " + name + " (pid " + process.pid() + ", log " + log.toAbsolutePath() + ")";
        }
    }

    /**
     * Starts {@link TestWorkerMain} with exactly the given configuration (the test JVM's own configuration
     * variables are not passed on) and returns once it logged that its worker started.
     */
    public WorkerProcess start(String name, Map<String, String> environment) {
        Path log = LOGS.resolve(testName + "-" + name + "-" + System.currentTimeMillis() + ".log");
        List<String> command = List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath(),
                TestWorkerMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> CONFIG_PREFIXES.stream().anyMatch(key::startsWith));
        env.putAll(environment);
        WorkerProcess worker;
        try {
            Files.createDirectories(LOGS);
            worker = new WorkerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        started.add(worker);
        ALL.add(worker.process);
        boolean up = Poll.until(START_LIMIT, () -> !worker.isAlive() || STARTED.matcher(worker.log()).find());
        assertThat(up && worker.isAlive()).as("%s started within %s; its log:%n%s", worker, START_LIMIT,
                worker.log()).isTrue();
        return worker;
    }

    /**
     * The test classpath. Failsafe starts the test JVM from a manifest-only jar ({@code java -jar
     * surefirebooter.jar}), so the JVM's own classpath is that jar; it sets {@code surefire.test.class.path} (and,
     * today, {@code java.class.path} too) to the real one. Outside Maven, {@code java.class.path} is right.
     */
    static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Kills every worker still running. */
    void killAll() {
        for (WorkerProcess worker : started) {
            worker.process.destroyForcibly(); // SIGKILL ends a paused (SIGSTOP) process too
        }
        for (WorkerProcess worker : started) {
            worker.awaitExit(Duration.ofSeconds(30));
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            System.out.println("Worker logs of the failed test " + context.getDisplayName() + ":");
            started.forEach(worker -> System.out.println("  " + worker));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        killAll();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestMethod().getName();
    }
}
