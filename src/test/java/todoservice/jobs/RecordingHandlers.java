package todoservice.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Job handlers for the queue's tests. Each records every attempt it starts (with the job's attempt count and a
 * monotonic time) and why an attempt was stopped, so a test can tell how often and when a job really ran.
 */
final class RecordingHandlers {

    /** Finishes at once, after one progress write. */
    static final String NOOP = "test.noop";
    /** Runs for its {@code millis} parameter, reaching a checkpoint every 50 ms. */
    static final String SLEEP = "test.sleep";
    /** Always throws: an ordinary (retryable) failure. */
    static final String POISON = "test.poison";
    /** Runs, reaching a checkpoint every 50 ms, until it is stopped (or {@link #release}d). */
    static final String HOLD = "test.hold";

    private static final long CHECKPOINT_EVERY_MILLIS = 50;
    private static final Duration HOLD_AT_MOST = Duration.ofMinutes(2);

    /** One attempt that began to run. */
    record Start(String jobId, int attempts, long nanos) {
    }

    private final Queue<Start> starts = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<JobStopped.Reason>> stops = new ConcurrentHashMap<>();
    private volatile boolean released;

    List<JobHandler> all() {
        return List.of(
                handler(NOOP, context -> {
                    context.progress(1, 1, 1);
                    return JobResult.report("{\"ran\":\"" + context.job().id() + "\"}");
                }),
                handler(SLEEP, context -> {
                    long until = System.nanoTime() + Duration.ofMillis(Long.parseLong(context.job().param("millis")))
                            .toNanos();
                    waitWhile(context, () -> System.nanoTime() < until);
                    return JobResult.report("{\"slept\":true}");
                }),
                handler(POISON, context -> {
                    throw new IllegalStateException("poison " + context.job().id());
                }),
                handler(HOLD, context -> {
                    long until = System.nanoTime() + HOLD_AT_MOST.toNanos();
                    waitWhile(context, () -> !released && System.nanoTime() < until);
                    return JobResult.report("{\"held\":true}");
                }));
    }

    /** Lets every {@link #HOLD} job, running or to come, finish. */
    void release() {
        released = true;
    }

    List<Start> startsOf(String jobId) {
        return starts.stream().filter(start -> start.jobId().equals(jobId)).toList();
    }

    /** Why each attempt of the job that was stopped at a checkpoint stopped, in order. */
    List<JobStopped.Reason> stopsOf(String jobId) {
        return List.copyOf(stops.getOrDefault(jobId, new ConcurrentLinkedQueue<>()));
    }

    private interface Body {
        JobResult run(JobContext context) throws Exception;
    }

    private JobHandler handler(String type, Body body) {
        return new JobHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public JobResult run(JobContext context) throws Exception {
                starts.add(new Start(context.job().id(), context.job().attempts(), System.nanoTime()));
                try {
                    return body.run(context);
                } catch (JobStopped e) {
                    stops.computeIfAbsent(context.job().id(), id -> new ConcurrentLinkedQueue<>()).add(e.reason());
                    throw e;
                }
            }
        };
    }

    private static void waitWhile(JobContext context, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        while (condition.getAsBoolean()) {
            context.checkpoint();
            Thread.sleep(CHECKPOINT_EVERY_MILLIS);
        }
        context.checkpoint();
    }
}
