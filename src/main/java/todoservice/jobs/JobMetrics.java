package todoservice.jobs;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The whole queue's figures on this node's {@code /metrics}, read from Redis (so one scrape shows the work of
 * every worker process) by {@link #refresh}, on a timer: a scrape itself never waits for Redis.
 */
public final class JobMetrics {

    private final JobQueue queue;
    private final AtomicReference<QueueStats> latest = new AtomicReference<>(QueueStats.EMPTY);

    public JobMetrics(JobQueue queue, MeterRegistry registry, List<String> types) {
        this.queue = Objects.requireNonNull(queue, "queue");
        gauge(registry, "todo.jobs.queue.depth", "Jobs waiting for a worker", QueueStats::depth);
        gauge(registry, "todo.jobs.delayed", "Retries and delayed jobs not yet due", QueueStats::delayed);
        gauge(registry, "todo.jobs.in.flight", "Jobs held by workers", QueueStats::inFlight);
        gauge(registry, "todo.jobs.dead.letters", "Entries in the dead-letter stream", QueueStats::deadLetters);
        counter(registry, "todo.jobs.retries", "Failed attempts scheduled for a retry", "retries");
        counter(registry, "todo.jobs.reclaims", "Jobs taken over from a worker that went silent", "reclaims");
        counter(registry, "todo.jobs.dead.lettered", "Jobs that failed for good", "dead_letters");
        for (String type : types) {
            for (String outcome : List.of("succeeded", "failed")) {
                FunctionTimer.builder("todo.jobs.attempts", latest,
                                stats -> stats.get().total("count:" + type + ":" + outcome),
                                stats -> stats.get().total("ms:" + type + ":" + outcome), TimeUnit.MILLISECONDS)
                        .description("Attempts that ended, and their time, by job type and outcome")
                        .tags("type", type, "outcome", outcome)
                        .register(registry);
            }
        }
    }

    /** Reads the figures from Redis; while it is down the last ones stay. */
    public void refresh() {
        try {
            latest.set(queue.stats());
        } catch (JobQueueUnavailableException | JedisException e) {
            // Readiness and the request path report the outage; the gauges keep their last values.
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<QueueStats> value) {
        Gauge.builder(name, latest, stats -> value.applyAsDouble(stats.get())).description(description)
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, String total) {
        FunctionCounter.builder(name, latest, stats -> stats.get().total(total)).description(description)
                .register(registry);
    }
}
