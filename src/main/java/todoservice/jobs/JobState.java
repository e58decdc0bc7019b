package todoservice.jobs;

import java.util.Locale;

/** Where a job is in its life; the wire and Redis names are the lowercase ones. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
