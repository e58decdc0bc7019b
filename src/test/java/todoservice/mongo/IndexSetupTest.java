package todoservice.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Index creation against a database that is down for a while, with the retries run by hand, not on a timer. */
class IndexSetupTest {

    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aReachableDatabaseGetsItsIndexesAtStartAndNothingIsScheduled() {
        IndexSetup setup = new IndexSetup(downFor(0), RETRY_EVERY, scheduler);

        setup.start();

        assertThat(setup.isDone()).isTrue();
        assertThat(attempts).hasValue(1);
        assertThat(scheduler.delays).isEmpty();
    }

    @Test
    void aDownDatabaseIsRetriedAfterEachFailureUntilTheIndexesExistThenReadinessFollows() {
        IndexSetup setup = new IndexSetup(downFor(2), RETRY_EVERY, scheduler);

        setup.start();
        assertThat(setup.isDone()).as("not ready while the database is down").isFalse();
        assertThat(setup.lastError()).isEqualTo("IllegalStateException: database down (attempt 1)");
        assertThat(scheduler.pending).as("one retry waits").hasSize(1);

        scheduler.runNext();
        assertThat(setup.isDone()).isFalse();
        assertThat(setup.lastError()).isEqualTo("IllegalStateException: database down (attempt 2)");
        assertThat(scheduler.pending).as("the failed retry schedules the next").hasSize(1);

        scheduler.runNext();
        assertThat(setup.isDone()).as("ready once the indexes exist").isTrue();
        assertThat(scheduler.pending).as("no retry after success").isEmpty();
        assertThat(scheduler.delays).as("each retry after the fixed delay").containsExactly(RETRY_EVERY, RETRY_EVERY);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aRetryThatFailsWhileTheSetupClosesSchedulesNoOther() {
        IndexSetup setup = new IndexSetup(downFor(Integer.MAX_VALUE), RETRY_EVERY, scheduler);
        setup.start();
        Runnable inFlight = scheduler.pending.removeFirst();

        setup.close();
        inFlight.run();

        assertThat(scheduler.closed).isTrue();
        assertThat(scheduler.pending).isEmpty();
        assertThat(setup.isDone()).isFalse();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void theRealSchedulerRunsRetriesOnAThreadFromTheInjectedFactory() throws Exception {
        List<String> made = new ArrayList<>();
        RetryScheduler real = RetryScheduler.singleThread(runnable -> {
            Thread thread = new Thread(runnable, "test-index-setup");
            thread.setDaemon(true);
            made.add(thread.getName());
            return thread;
        });
        CompletableFuture<String> ranOn = new CompletableFuture<>();

        real.schedule(() -> ranOn.complete(Thread.currentThread().getName()), Duration.ZERO);

        assertThat(ranOn.get(10, TimeUnit.SECONDS)).isEqualTo("test-index-setup");
        assertThat(made).containsExactly("test-index-setup");
        assertThat(real.isClosed()).isFalse();
        real.close();
        assertThat(real.isClosed()).isTrue();
    }

    /** Index creation that throws for the first {@code failures} attempts, like a database that comes up late. */
    private Runnable downFor(int failures) {
        return () -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= failures) {
                throw new IllegalStateException("database down (attempt " + attempt + ")");
            }
        };
    }

    /** Keeps scheduled tasks until the test runs them; closing drops them, as shutdownNow does. */
    private static final class ManualScheduler implements RetryScheduler {
        final Deque<Runnable> pending = new ArrayDeque<>();
        final List<Duration> delays = new ArrayList<>();
        boolean closed;

        @Override
        public void schedule(Runnable task, Duration delay) {
            assertThat(closed).as("nothing is scheduled once closed").isFalse();
            pending.addLast(task);
            delays.add(delay);
        }

        void runNext() {
            pending.removeFirst().run();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
            pending.clear();
        }
    }
}
