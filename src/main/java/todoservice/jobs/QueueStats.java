package todoservice.jobs;

import java.util.Map;

/**
 * The queue as a whole, across every node and worker: entries waiting ({@code depth}), retries and delayed jobs
 * not yet due, entries held by workers ({@code inFlight}), the dead-letter stream's length, and the running totals
 * the scripts keep (retries, reclaims, dead letters, attempt counts and milliseconds by type and outcome).
 */
public record QueueStats(long depth, long delayed, long inFlight, long deadLetters, Map<String, Long> totals) {

    public static final QueueStats EMPTY = new QueueStats(0, 0, 0, 0, Map.of());

    public QueueStats {
        totals = Map.copyOf(totals);
    }

    public long total(String name) {
        return totals.getOrDefault(name, 0L);
    }
}
