package todoservice.mongo;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay, until closed. {@link IndexSetup}'s retries go through it, so a test can run them
 * by hand instead of waiting out the delay.
 */
public interface RetryScheduler extends AutoCloseable {

    void schedule(Runnable task, Duration delay);

    boolean isClosed();

    /** Drops the tasks not yet run and interrupts a running one. */
    @Override
    void close();

    /** The real one: a single thread from {@code threads}, each task after its delay. */
    static RetryScheduler singleThread(ThreadFactory threads) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Objects.requireNonNull(threads, "threads"));
        return new RetryScheduler() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public boolean isClosed() {
                return executor.isShutdown();
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
