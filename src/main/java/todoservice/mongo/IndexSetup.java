package todoservice.mongo;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.ops.DaemonThreads;

/**
 * Creates the indexes at startup. The service starts even when the database is down; then it keeps retrying in
 * the background until it succeeds, and readiness reports not-ready meanwhile.
 */
public final class IndexSetup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexSetup.class);

    private final Runnable createIndexes;
    private final Duration retryEvery;
    private final ScheduledExecutorService retries;
    private volatile boolean done;
    private volatile String lastError = "not attempted yet";

    public IndexSetup(Runnable createIndexes, Duration retryEvery) {
        this.createIndexes = Objects.requireNonNull(createIndexes, "createIndexes");
        this.retryEvery = Objects.requireNonNull(retryEvery, "retryEvery");
        this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("todo-index-setup"));
    }

    public void start() {
        if (!attempt()) {
            log.warn("Could not create indexes ({}); retrying every {} s", lastError, retryEvery.toSeconds());
            retries.schedule(this::retry, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        if (attempt()) {
            log.info("Indexes created after the database became reachable");
        } else if (!retries.isShutdown()) {
            retries.schedule(this::retry, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean attempt() {
        try {
            createIndexes.run();
            done = true;
            return true;
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            return false;
        }
    }

    public boolean isDone() {
        return done;
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
