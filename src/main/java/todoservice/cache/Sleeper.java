package todoservice.cache;

import java.time.Duration;

/**
 * A pause of a background loop that closing cuts short by interrupting its thread. Unlike
 * {@link MonotonicTime#sleepUntil}, which a write's wait needs to be uninterruptible, this one may end early.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
