package todoservice.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;
import todoservice.config.JobSettings;

/**
 * The worker side of the queue: entries come from a Redis Streams consumer group (at-least-once: an entry stays
 * pending until the job ends), entries idle for longer than the visibility timeout are reclaimed with XAUTOCLAIM,
 * and every state change is a fenced script ({@link JobScripts}). Redis failures are thrown as Jedis exceptions;
 * the {@link Worker} waits and tries again.
 */
public final class JobDeliveries {

    /** What a progress write or a renewal learned: the claim is lost, or held (with cancellation asked or not). */
    public enum Claim { LOST, HELD, CANCEL_REQUESTED }

    private final UnifiedJedis redis;
    private final JobSettings settings;
    private final Clock clock;
    private final String consumer;
    /** Where the next XAUTOCLAIM goes on: each call scans at most 10 × count pending entries, then says where. */
    private volatile StreamEntryID reclaimFrom = new StreamEntryID(0, 0);

    /** host-pid-random: readable in XINFO CONSUMERS, and never the name of a worker that ran before. */
    public static String uniqueConsumerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }

    public JobDeliveries(UnifiedJedis redis, JobSettings settings, Clock clock, String consumer) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    public String consumer() {
        return consumer;
    }

    /** Creates the consumer group (and the stream) unless it exists; reading from 0 loses no earlier entry. */
    public void ensureGroup() {
        try {
            redis.xgroupCreate(JobKeys.STREAM, JobKeys.GROUP, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Up to {@code count} new entries, waiting up to {@code block} for one; each is a job id. */
    public List<Delivery> read(int count, Duration block) {
        List<Map.Entry<String, List<StreamEntry>>> streams;
        try {
            streams = redis.xreadGroup(JobKeys.GROUP, consumer,
                    XReadGroupParams.xReadGroupParams().count(count).block((int) block.toMillis()),
                    Map.of(JobKeys.STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        } catch (JedisDataException e) {
            recreateLostGroup(e);
            return List.of();
        }
        List<Delivery> deliveries = new ArrayList<>();
        if (streams != null) {
            streams.forEach(stream -> stream.getValue().forEach(entry -> deliveries.add(delivery(entry))));
        }
        return deliveries;
    }

    /** Takes over up to {@code count} entries whose worker has not renewed them for the visibility timeout. */
    public List<Delivery> reclaim(int count) {
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed;
        try {
            claimed = redis.xautoclaim(JobKeys.STREAM, JobKeys.GROUP, consumer,
                    settings.visibilityTimeout().toMillis(), reclaimFrom, new XAutoClaimParams().count(count));
        } catch (JedisDataException e) {
            recreateLostGroup(e);
            return List.of();
        }
        // Always starting from 0-0 would never get past the first 10 × count entries (running jobs, renewed).
        reclaimFrom = claimed.getKey();
        List<Delivery> deliveries = new ArrayList<>();
        for (StreamEntry entry : claimed.getValue()) {
            if (entry != null && entry.getFields() != null) {
                deliveries.add(delivery(entry));
            }
        }
        return deliveries;
    }

    /**
     * Forgets the consumers of workers that are gone: silent for longer than {@code silence} (a live worker reads
     * every second) and holding no entry, so nothing is lost. Returns how many were removed.
     */
    public int forgetGoneConsumers(Duration silence) {
        int removed = 0;
        for (StreamConsumerInfo info : redis.xinfoConsumers2(JobKeys.STREAM, JobKeys.GROUP)) {
            if (info.getPending() == 0 && info.getIdle() > silence.toMillis() && !info.getName().equals(consumer)) {
                redis.xgroupDelConsumer(JobKeys.STREAM, JobKeys.GROUP, info.getName());
                removed++;
            }
        }
        return removed;
    }

    /** Redis lost the group (restarted without its append-only file): recreate it; other errors pass. */
    private void recreateLostGroup(JedisDataException e) {
        if (!String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
            throw e;
        }
        ensureGroup();
    }

    private static Delivery delivery(StreamEntry entry) {
        return new Delivery(entry.getID().toString(), entry.getFields().get("job"));
    }

    /** Starts an attempt for a delivered entry, or empty when the job needs no run (ended, cancelled, gone). */
    public Optional<Attempt> start(Delivery delivery) {
        List<?> reply = (List<?>) redis.eval(JobScripts.START, List.of(JobKeys.job(delivery.jobId()),
                JobKeys.STREAM, JobKeys.STATS, JobKeys.DEAD), List.of(delivery.entryId(), now(),
                Integer.toString(settings.maxAttempts()), JobKeys.GROUP, retention()));
        if (!"run".equals(reply.get(0))) {
            return Optional.empty();
        }
        long fence = ((Number) reply.get(1)).longValue();
        Job job = Job.fromHash(redis.hgetAll(JobKeys.job(delivery.jobId())));
        return Optional.of(new Attempt(job, delivery.entryId(), fence));
    }

    public Claim renew(Attempt attempt) {
        return claim(redis.eval(JobScripts.RENEW, List.of(key(attempt), JobKeys.STREAM),
                List.of(fence(attempt), JobKeys.GROUP, consumer, attempt.entryId())));
    }

    public Claim progress(Attempt attempt, long done, long total, long checkpoint) {
        return claim(redis.eval(JobScripts.PROGRESS, List.of(key(attempt)), List.of(fence(attempt),
                Long.toString(done), Long.toString(total), Long.toString(checkpoint), now())));
    }

    /** Records success; false when the claim was lost meanwhile (a newer attempt owns the job). */
    public boolean succeed(Attempt attempt, JobResult result, Duration took) {
        return accepted(redis.eval(JobScripts.SUCCEED, List.of(key(attempt), JobKeys.STREAM, JobKeys.STATS),
                List.of(fence(attempt), JobKeys.GROUP, attempt.entryId(), now(), retention(), result.value(),
                        result.kind(), attempt.job().type(), Long.toString(took.toMillis()))));
    }

    /** Records a failure, to be retried at {@code retryAtMillis} or, when that is empty, dead-lettered. */
    public boolean fail(Attempt attempt, String error, Optional<Long> retryAtMillis, Duration took) {
        return accepted(redis.eval(JobScripts.FAIL, List.of(key(attempt), JobKeys.STREAM, JobKeys.STATS,
                JobKeys.DELAYED, JobKeys.DEAD), List.of(fence(attempt), JobKeys.GROUP, attempt.entryId(), now(),
                retention(), error, Long.toString(retryAtMillis.orElse(0L)), attempt.job().type(),
                Long.toString(took.toMillis()))));
    }

    public boolean cancelled(Attempt attempt) {
        return accepted(redis.eval(JobScripts.CANCELLED, List.of(key(attempt), JobKeys.STREAM, JobKeys.STATS),
                List.of(fence(attempt), JobKeys.GROUP, attempt.entryId(), now(), retention())));
    }

    public boolean handBack(Attempt attempt) {
        return accepted(redis.eval(JobScripts.HAND_BACK, List.of(key(attempt), JobKeys.STREAM),
                List.of(fence(attempt), JobKeys.GROUP, attempt.entryId(), now())));
    }

    /** Moves retries and delayed jobs that are due into the stream; returns how many. */
    public long promoteDue() {
        return ((Number) redis.eval(JobScripts.PROMOTE, List.of(JobKeys.DELAYED, JobKeys.STREAM),
                List.of(now(), "100"))).longValue();
    }

    private static Claim claim(Object reply) {
        long value = ((Number) reply).longValue();
        return value < 0 ? Claim.LOST : value == 1 ? Claim.CANCEL_REQUESTED : Claim.HELD;
    }

    private static boolean accepted(Object reply) {
        return ((Number) reply).longValue() == 1;
    }

    private static String key(Attempt attempt) {
        return JobKeys.job(attempt.job().id());
    }

    private static String fence(Attempt attempt) {
        return Long.toString(attempt.fence());
    }

    private String now() {
        return Long.toString(clock.millis());
    }

    private String retention() {
        return Long.toString(settings.retention().toMillis());
    }

    /** A stream entry handed to this worker: which job it carries. */
    public record Delivery(String entryId, String jobId) {
    }
}
