package todoservice.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import todoservice.config.JobSettings;
import todoservice.redis.CircuitBreaker;
import todoservice.redis.PipelineReplies;
import todoservice.redis.RedisEndpoint;
import todoservice.redis.RedisFailures;

/**
 * The client side of the job queue, used by request threads: enqueue (one atomic script: the record, the owner's
 * index, the idempotency key and the stream entry are stored together or not at all), read, list and cancel.
 * Every Redis failure becomes a {@link JobQueueUnavailableException}, which the API answers with 503. A
 * {@link CircuitBreaker} keeps a hanging Redis from holding request threads for the client's timeout each: once it
 * opens, requests are answered at once, and only {@link #ping} (readiness, and a background probe) tries Redis.
 */
public final class JobQueue {

    /** The job a submission refers to; {@code created} is false when an idempotency key found an earlier one. */
    public record Submitted(Job job, boolean created) {
    }

    public enum CancelOutcome { CANCELLED, REQUESTED, ALREADY_ENDED, NOT_FOUND }

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final Duration REPLICA_WAIT = Duration.ofMillis(500);

    private final UnifiedJedis redis;
    private final JobSettings settings;
    private final Clock clock;
    private final CircuitBreaker breaker;
    /** Sentinel and Cluster clients reach replicated primaries; a standalone Redis may have no replica to wait for. */
    private final boolean replicated;

    public JobQueue(UnifiedJedis redis, JobSettings settings, Clock clock, CircuitBreaker breaker) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.replicated = !(redis instanceof RedisClient);
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    public Submitted enqueue(NewJob request) {
        return enqueueWithin(request, 0).orElseThrow();
    }

    /**
     * Queues the job unless its owner already has {@code mostUnfinished} jobs queued or running (0: no limit), or
     * finds the job an earlier request with the same idempotency key queued (whatever the limit).
     */
    public Optional<Submitted> enqueueWithin(NewJob request, int mostUnfinished) {
        String id = new ObjectId().toHexString();
        long now = clock.millis();
        List<String> args = new ArrayList<>(List.of(id, request.ownerId(), request.type(), Long.toString(now),
                request.fingerprint(), Long.toString(now + request.delay().toMillis()),
                Long.toString(settings.retention().toMillis()), request.idempotencyKey().isPresent() ? "1" : "0",
                Integer.toString(mostUnfinished), JobKeys.job("")));
        request.params().forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        String idempotency = JobKeys.idempotency(request.ownerId(), request.idempotencyKey().orElse("-"));
        List<String> keys = List.of(JobKeys.job(id), JobKeys.owner(request.ownerId()), idempotency, JobKeys.STREAM,
                JobKeys.DELAYED, JobKeys.unfinished(request.ownerId()));
        String holder = (String) call(() -> replicated ? enqueueOnReplica(keys, args) : redis.eval(JobScripts.ENQUEUE,
                keys, args));
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        if (holder.equals(id)) {
            // Built here, not read back: a failure after the script must not turn a stored job into a 503.
            return Optional.of(new Submitted(Job.queued(id, request, now), true));
        }
        Optional<Job> job = find(request.ownerId(), holder);
        if (job.isEmpty()) {
            // The key's job outlived its retention: the key is stale, so forget it and enqueue afresh.
            call(() -> redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end",
                    List.of(idempotency), List.of(holder)));
            return enqueueWithin(request, mostUnfinished);
        }
        return Optional.of(new Submitted(job.get(), false));
    }

    /**
     * The script, then WAIT on the same connection until a replica holds its writes (at most {@link #REPLICA_WAIT}):
     * replication is asynchronous, and a primary killed right after answering would otherwise take an acknowledged
     * job with it. When no replica confirms in time the job still stands on the primary, as without replicas.
     */
    private Object enqueueOnReplica(List<String> keys, List<String> args) {
        Response<Object> holder;
        Response<Long> replicas;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            holder = pipeline.eval(JobScripts.ENQUEUE, keys, args);
            replicas = pipeline.waitReplicas(keys.get(0), 1, REPLICA_WAIT.toMillis());
            pipeline.sync();
        }
        Object answer = PipelineReplies.get(holder);
        if (PipelineReplies.get(replicas) < 1) {
            log.warn("No replica confirmed a job submission within {}; it is stored on the primary only", REPLICA_WAIT);
        }
        return answer;
    }

    /** The owner's job, or empty when there is none (or it belongs to someone else, or has expired). */
    public Optional<Job> find(String ownerId, String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        Map<String, String> hash = call(() -> redis.hgetAll(JobKeys.job(id)));
        if (hash.isEmpty() || !ownerId.equals(hash.get("owner"))) {
            return Optional.empty();
        }
        return Optional.of(Job.fromHash(hash));
    }

    /** The owner's most recent jobs, newest first; expired ones are dropped from the index on the way. */
    public List<Job> recent(String ownerId, int limit) {
        return call(() -> {
            List<String> ids = redis.zrevrange(JobKeys.owner(ownerId), 0, limit - 1L);
            List<Response<Map<String, String>>> replies = new ArrayList<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                ids.forEach(id -> replies.add(pipeline.hgetAll(JobKeys.job(id))));
                pipeline.sync();
            }
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Map<String, String> hash = PipelineReplies.get(replies.get(i));
                if (hash.isEmpty()) {
                    redis.zrem(JobKeys.owner(ownerId), ids.get(i));
                } else {
                    jobs.add(Job.fromHash(hash));
                }
            }
            return jobs;
        });
    }

    /**
     * Deletes the records of the owner's jobs, all but {@code keep} (the job doing this, which must still record its
     * end), and the owner's indexes; returns how many records went. Workers skip a queued job whose record is gone.
     */
    public long forgetOwned(String ownerId, String keep) {
        return call(() -> {
            List<String> ids = redis.zrange(JobKeys.owner(ownerId), 0, -1);
            List<Response<Long>> deleted = new ArrayList<>();
            try (AbstractPipeline pipeline = redis.pipelined()) {
                ids.stream().filter(id -> !id.equals(keep))
                        .forEach(id -> deleted.add(pipeline.del(JobKeys.job(id))));
                pipeline.del(JobKeys.owner(ownerId));
                pipeline.del(JobKeys.unfinished(ownerId));
                pipeline.sync();
            }
            return deleted.stream().mapToLong(PipelineReplies::get).sum();
        });
    }

    public CancelOutcome cancel(String ownerId, String id) {
        if (!ObjectId.isValid(id)) {
            return CancelOutcome.NOT_FOUND;
        }
        String outcome = (String) call(() -> redis.eval(JobScripts.CANCEL, List.of(JobKeys.job(id), JobKeys.DELAYED),
                List.of(ownerId, Long.toString(clock.millis()), Long.toString(settings.retention().toMillis()))));
        return switch (outcome) {
            case "missing" -> CancelOutcome.NOT_FOUND;
            case "cancelled" -> CancelOutcome.CANCELLED;
            case "requested" -> CancelOutcome.REQUESTED;
            case "ended" -> CancelOutcome.ALREADY_ENDED;
            default -> throw new IllegalStateException("unexpected cancel outcome " + outcome);
        };
    }

    /** One pipelined round trip for the metrics. */
    public QueueStats stats() {
        return call(() -> {
            Response<Long> length;
            Response<Long> delayed;
            Response<Long> dead;
            Response<Map<String, String>> totals;
            try (AbstractPipeline pipeline = redis.pipelined()) {
                length = pipeline.xlen(JobKeys.STREAM);
                delayed = pipeline.zcard(JobKeys.DELAYED);
                dead = pipeline.xlen(JobKeys.DEAD);
                totals = pipeline.hgetAll(JobKeys.STATS);
                pipeline.sync();
            }
            long inFlight = PipelineReplies.get(length) == 0 ? 0 : pendingCount();
            Map<String, Long> numbers = new java.util.HashMap<>();
            PipelineReplies.get(totals).forEach((name, value) -> numbers.put(name, Long.parseLong(value)));
            return new QueueStats(PipelineReplies.get(length) - inFlight,
                    PipelineReplies.get(delayed), inFlight, PipelineReplies.get(dead), numbers);
        });
    }

    private long pendingCount() {
        try {
            return redis.xpending(JobKeys.STREAM, JobKeys.GROUP).getTotal();
        } catch (JedisDataException e) {
            return 0; // no worker has created the group yet: nothing is in flight
        }
    }

    /**
     * Whether the queue's Redis answers, for readiness; also the breaker's probe: while it is open this is the only
     * call that goes out (once per open period), and its answer closes it.
     */
    public boolean ping() {
        if (!breaker.allowRequest()) {
            return false;
        }
        try {
            attempt(() -> {
                RedisEndpoint.ping(redis);
                return true;
            });
            return true;
        } catch (JobQueueUnavailableException e) {
            return false;
        }
    }

    private <T> T call(Supplier<T> operation) {
        if (breaker.state() != CircuitBreaker.State.CLOSED) {
            throw JobQueueUnavailableException.unavailable("The job queue's Redis is not answering (breaker open)",
                    null);
        }
        return attempt(operation);
    }

    private <T> T attempt(Supplier<T> operation) {
        try {
            T result = operation.get();
            succeeded();
            return result;
        } catch (JedisException e) {
            if (!RedisFailures.isOutage(e)) {
                // An error reply (a full Redis's OOM), answered at once: Redis is there, the breaker stays shut.
                succeeded();
                throw JobQueueUnavailableException.unavailable("The job queue's Redis refused: " + e.getMessage(), e);
            }
            CircuitBreaker.State before = breaker.state();
            breaker.recordFailure();
            if (before != CircuitBreaker.State.OPEN && breaker.state() == CircuitBreaker.State.OPEN) {
                log.warn("Job queue: Redis not answering ({}); job requests answer 503 at once until it does",
                        e.getMessage());
            }
            throw JobQueueUnavailableException.unavailable("The job queue's Redis is unavailable: " + e.getMessage(),
                    e);
        }
    }

    private void succeeded() {
        if (breaker.state() != CircuitBreaker.State.CLOSED) {
            log.info("Job queue: Redis answers again");
        }
        breaker.recordSuccess();
    }
}
