package todoservice.limits;

import java.time.Duration;
import java.util.List;

/** Counters every node adds to and reads back together (Redis in production), one per account and window. */
public interface SharedCounts {

    /** One counter's addition: {@code by} more under {@code key}. */
    record Addition(String key, long by) {
    }

    /**
     * Adds each {@code by} to its counter in one round trip and returns the new totals, in order. A counter created
     * here disappears after {@code keepFor}. Throws when the counters cannot be reached.
     */
    List<Long> add(List<Addition> additions, Duration keepFor);
}
