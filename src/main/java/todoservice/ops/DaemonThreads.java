package todoservice.ops;

import java.util.concurrent.ThreadFactory;

/** Background threads of the service: named for thread dumps, daemons so they never hold a JVM open. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
