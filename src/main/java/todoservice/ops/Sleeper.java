package todoservice.ops;

import java.time.Duration;

/**
 * How a background loop pauses (the worker after a Redis failure, the invalidation subscriber before it
 * resubscribes). Injected so a test pauses on a fake clock instead of waiting; closing cuts a real pause short by
 * interrupting the thread. Unlike the cache's {@code MonotonicTime.sleepUntil}, which a write's wait needs to be
 * uninterruptible, this one may end early.
 */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep}: the real pause. */
    Sleeper SYSTEM = pause -> Thread.sleep(pause.toMillis());

    void sleep(Duration pause) throws InterruptedException;
}
