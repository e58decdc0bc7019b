package todoservice.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic background tasks (metrics refresh, job file sweep, invalidation replay), each on a daemon thread of
 * its own so a slow one never delays another. A failing run is logged and the next run still happens.
 */
public final class Timers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Timers.class);

    private final List<ScheduledExecutorService> started = new ArrayList<>();

    /** Runs {@code task} every {@code period} (the first run one period from now) until close. */
    public synchronized void every(String name, Duration period, Runnable task) {
        Objects.requireNonNull(task, "task");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
        started.add(timer);
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        started.forEach(ScheduledExecutorService::shutdownNow);
        started.clear();
    }
}
