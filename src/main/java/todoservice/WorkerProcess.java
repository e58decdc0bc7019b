package todoservice;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import todoservice.config.Config;
import todoservice.jobs.JobHandler;

/**
 * The composition of a worker process: the shared {@link Backend} and a started worker; closing stops the worker
 * gracefully, then the clients.
 */
public final class WorkerProcess implements AutoCloseable {

    private final Backend backend;

    private WorkerProcess(Backend backend) {
        this.backend = backend;
    }

    public static WorkerProcess start(Config config, List<JobHandler> extraHandlers) {
        // The queue's figures are on the web nodes' /metrics (read from Redis); this registry only feeds the
        // clients' own listeners.
        Backend backend = new Backend(config, new SimpleMeterRegistry());
        try {
            backend.startWorker(extraHandlers);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new WorkerProcess(backend);
    }

    @Override
    public void close() {
        backend.close();
    }
}
