package todoservice.mongo;

import java.time.Duration;
import java.util.Objects;
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
    private final RetryScheduler retries;
    private volatile boolean done;
    private volatile String lastError = "not attempted yet";

    /** The production wiring: retries on a daemon thread of its own, "todo-index-setup". */
    public IndexSetup(Runnable createIndexes, Duration retryEvery) {
        this(createIndexes, retryEvery, RetryScheduler.singleThread(DaemonThreads.named("todo-index-setup")));
    }

    /** {@code retries} runs each retry {@code retryEvery} after the last failure; closed with this. */
    public IndexSetup(Runnable createIndexes, Duration retryEvery, RetryScheduler retries) {
        this.createIndexes = Objects.requireNonNull(createIndexes, "createIndexes");
        this.retryEvery = Objects.requireNonNull(retryEvery, "retryEvery");
        this.retries = Objects.requireNonNull(retries, "retries");
    }

    public void start() {
        if (!attempt()) {
            log.warn("Could not create indexes ({}); retrying every {} s", lastError, retryEvery.toSeconds());
            retries.schedule(this::retry, retryEvery);
        }
    }

    private void retry() {
        if (attempt()) {
            log.info("Indexes created after the database became reachable");
        } else if (!retries.isClosed()) {
            retries.schedule(this::retry, retryEvery);
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
        retries.close();
    }
}
