package todoservice.jobs;


/**
 * The queue's Redis keys. All share the hash tag {@code {jobs.v1}}, so every script's keys sit in one Redis
 * Cluster slot; {@code v1} versions the record format.
 */
final class JobKeys {

    static final String PREFIX = "jobs:{jobs.v1}:";
    static final String STREAM = PREFIX + "stream";
    static final String GROUP = "workers";
    static final String DELAYED = PREFIX + "delayed";
    static final String DEAD = PREFIX + "dead";
    static final String STATS = PREFIX + "stats";

    private JobKeys() {
    }

    static String job(String id) {
        return PREFIX + "job:" + id;
    }

    static String owner(String ownerId) {
        return PREFIX + "owner:" + ownerId;
    }

    /** The owner's queued and running jobs, as far as the quota on them needs to know. */
    static String unfinished(String ownerId) {
        return PREFIX + "unfinished:" + ownerId;
    }

    static String idempotency(String ownerId, String key) {
        return PREFIX + "idem:" + ownerId + ":" + key;
    }
}
