package todoservice.jobs;

import java.time.Duration;

/**
 * How the worker pauses after a Redis failure. Injected so a test can pause on a fake clock instead of waiting
 * (the jobs package has its own, not the cache's {@code MonotonicTime}: jobs must not depend on the cache).
 */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep}: the real pause. */
    Sleeper SYSTEM = pause -> Thread.sleep(pause.toMillis());

    void sleep(Duration pause) throws InterruptedException;
}
