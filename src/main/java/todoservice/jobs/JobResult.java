package todoservice.jobs;

import java.util.Objects;

/**
 * What a job leaves behind: a small JSON report kept in its record ({@code report}), or a file in the job file
 * store whose id is kept ({@code file}).
 */
public record JobResult(String kind, String value) {

    public static final String REPORT = "report";
    public static final String FILE = "file";

    public JobResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static JobResult report(String json) {
        return new JobResult(REPORT, json);
    }

    public static JobResult file(String fileId) {
        return new JobResult(FILE, fileId);
    }
}
