package todoservice.ops;

import java.util.Objects;

/**
 * Runs a task as soon as the JVM is asked to exit (SIGTERM), alongside the container's own shutdown, instead of
 * when the container gets round to stopping the application. Closing it (an undeploy that does not end the JVM)
 * unregisters the task, so a redeployed application leaves no hook behind.
 */
public final class ShutdownHook implements AutoCloseable {

    private final Thread thread;

    public ShutdownHook(String name, Runnable task) {
        thread = new Thread(Objects.requireNonNull(task, "task"), Objects.requireNonNull(name, "name"));
        Runtime.getRuntime().addShutdownHook(thread);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException exiting) {
            // The JVM is already exiting: the task runs (or ran) anyway.
        }
    }
}
