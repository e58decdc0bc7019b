package todoservice.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;
import todoservice.config.JobSettings;
import todoservice.jobs.JobDeliveries.Delivery;
import todoservice.ops.DaemonThreads;
import todoservice.ops.Sleeper;

/**
 * Runs jobs with {@code concurrency} threads: one poller takes new entries while a slot is free and, with that
 * slot, reclaims an entry whose worker died (at most every half visibility timeout), so a worker with one slot
 * reclaims too; a heartbeat renews the claims of running jobs and promotes due retries. Jobs never run on request
 * threads. {@link #stop} is graceful: no new jobs, running ones get {@code shutdownGrace} to finish, then are
 * handed back at their next checkpoint (or at once, fenced, if they never reach one).
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration READ_BLOCK = JobRedis.READ_BLOCK;
    private static final long PROMOTE_EVERY_MILLIS = 250;
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 1000;

    private final JobDeliveries deliveries;
    private final Map<String, JobHandler> handlers;
    private final JobSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Semaphore slots;
    private final Set<RunningJob> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor;
    private final ScheduledExecutorService heartbeat;
    private final Thread poller;
    private volatile boolean accepting = true;
    private volatile boolean redisDown;

    /** The production wiring: named daemon threads, {@link System#nanoTime} and real sleeps. */
    public Worker(JobDeliveries deliveries, List<JobHandler> handlers, JobSettings settings, Backoff backoff,
            Clock clock) {
        this(deliveries, handlers, settings, backoff, clock, DaemonThreads::named, System::nanoTime, Sleeper.SYSTEM);
    }

    /**
     * @param threads  the thread factory for each role ("jobs-run", "jobs-heartbeat", "jobs-poll"), so the names
     *                 stay readable in thread dumps whoever makes the threads
     * @param nanoTime monotonic time for the reclaim cadence and a job's duration: the wall clock can step back
     * @param sleeper  the pause after a Redis failure
     */
    public Worker(JobDeliveries deliveries, List<JobHandler> handlers, JobSettings settings, Backoff backoff,
            Clock clock, Function<String, ThreadFactory> threads, LongSupplier nanoTime, Sleeper sleeper) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.handlers = Objects.requireNonNull(handlers, "handlers").stream()
                .collect(Collectors.toUnmodifiableMap(JobHandler::type, Function.identity()));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(threads, "threads");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.slots = new Semaphore(settings.concurrency());
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), threads.apply("jobs-run"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(threads.apply("jobs-heartbeat"));
        this.poller = threads.apply("jobs-poll").newThread(this::poll);
    }

    public void start() {
        try {
            deliveries.ensureGroup();
        } catch (JedisException e) {
            log.warn("Job queue: Redis unavailable at start ({}); the worker keeps trying", e.getMessage());
        }
        long renew = settings.renewEvery().toMillis();
        heartbeat.scheduleWithFixedDelay(() -> quietly(this::renewAll), renew, renew, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(() -> quietly(deliveries::promoteDue), PROMOTE_EVERY_MILLIS,
                PROMOTE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        poller.start();
        log.info("Job worker {} started: {} slot(s), types {}, visibility timeout {}", deliveries.consumer(),
                settings.concurrency(), handlers.keySet(), settings.visibilityTimeout());
    }

    private void poll() {
        long reclaimEvery = TimeUnit.MILLISECONDS.toNanos(Math.max(100, settings.visibilityTimeout().toMillis() / 2));
        long nextReclaim = nanoTime.getAsLong();
        while (accepting) {
            int held;
            try {
                if (!slots.tryAcquire(READ_BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                // Every slot free now is filled by the same read: one round trip starts many jobs.
                held = 1 + slots.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                List<Delivery> delivered = List.of();
                if (nanoTime.getAsLong() - nextReclaim >= 0) {
                    delivered = reclaim(held);
                    // After a hit, look again at once: a dead worker may have left many entries behind.
                    nextReclaim = nanoTime.getAsLong() + (delivered.isEmpty() ? reclaimEvery : 0);
                }
                if (delivered.isEmpty()) {
                    delivered = deliveries.read(held, READ_BLOCK);
                }
                recovered();
                slots.release(held - delivered.size());
                // Even while stopping: stop() waits for this loop before it shuts the executor, so an entry
                // read now runs (or is handed back) instead of waiting out the visibility timeout.
                delivered.forEach(this::submit);
            } catch (JedisException e) {
                slots.release(held);
                failed(e);
                sleep(PAUSE_AFTER_FAILURE_MILLIS);
            }
        }
    }

    /** Takes over up to {@code count} entries whose worker went silent, with slots the poller holds. */
    private List<Delivery> reclaim(int count) {
        List<Delivery> claimed = deliveries.reclaim(count);
        claimed.forEach(delivery -> log.info("Job {}: reclaimed entry {} after its worker went silent",
                delivery.jobId(), delivery.entryId()));
        return claimed;
    }

    /** Runs a delivery that already holds a slot. */
    private void submit(Delivery delivery) {
        executor.execute(() -> {
            try {
                deliveries.start(delivery).ifPresent(this::run);
            } catch (JedisException e) {
                failed(e);
            } catch (RuntimeException e) {
                log.error("Job {}: could not be started", delivery.jobId(), e);
            } finally {
                slots.release();
            }
        });
    }

    private void run(Attempt attempt) {
        RunningJob job = new RunningJob(attempt, deliveries, clock, settings.visibilityTimeout());
        running.add(job);
        long started = nanoTime.getAsLong();
        try {
            AttemptOutcome outcome = AttemptOutcome.of(handlers.get(job.job().type()), job);
            Duration took = Duration.ofNanos(nanoTime.getAsLong() - started);
            record(job, outcome, took);
        } finally {
            running.remove(job);
        }
    }

    /**
     * Writes the attempt's end, retrying while Redis is down, as long as the claim can still be ours (by the wall
     * clock, like the claim's own expiry in {@link RunningJob}). Package-private for its test.
     */
    void record(RunningJob job, AttemptOutcome outcome, Duration took) {
        Attempt attempt = job.attempt();
        if (outcome.lostClaim() || job.isLost()) {
            log.warn("Job {}: attempt {} lost its claim; it stops without writing", attempt.job().id(),
                    attempt.fence());
            return;
        }
        long giveUpAt = clock.millis() + settings.visibilityTimeout().toMillis();
        while (true) {
            try {
                boolean accepted = outcome.write(attempt, deliveries, took, this::retryAt);
                if (!accepted) {
                    log.warn("Job {}: attempt {} was refused at its end: another attempt owns the job now",
                            attempt.job().id(), attempt.fence());
                }
                return;
            } catch (JedisException e) {
                failed(e);
                if (clock.millis() > giveUpAt) {
                    log.warn("Job {}: could not record its end; it will be reclaimed and run again",
                            attempt.job().id());
                    return;
                }
                sleep(PAUSE_AFTER_FAILURE_MILLIS);
            }
        }
    }

    /** When a failed attempt is retried: after the backoff, or never once the attempts are used up. */
    private Optional<Long> retryAt(Job job) {
        return job.attempts() >= settings.maxAttempts()
                ? Optional.empty()
                : Optional.of(clock.millis() + backoff.delay(job.attempts()).toMillis());
    }

    private void renewAll() {
        for (RunningJob job : running) {
            job.renew();
            recovered(); // only after a renewal that reached Redis: with no job running, nothing was checked
        }
    }

    private void failed(JedisException e) {
        if (!redisDown) {
            redisDown = true;
            log.warn("Job queue: Redis unavailable ({}); retrying every {} ms", e.getMessage(),
                    PAUSE_AFTER_FAILURE_MILLIS);
        }
    }

    private void recovered() {
        if (redisDown) {
            redisDown = false;
            log.info("Job queue: Redis reachable again");
        }
    }

    private void quietly(Runnable task) {
        try {
            task.run();
        } catch (JedisException e) {
            failed(e);
        } catch (RuntimeException e) {
            log.error("Job worker background task failed", e);
        }
    }

    /** Graceful stop: see the class comment. Returns when every running job has finished or been handed back. */
    public void stop() {
        if (!accepting) {
            return;
        }
        accepting = false;
        poller.interrupt();
        try {
            // No entry may be read once stop() returns (nor after a job is handed back, or it would wait out the
            // visibility timeout as this worker's): the poller's read ends within its block and socket timeout.
            poller.join(READ_BLOCK.plus(JobRedis.TIMEOUT).toMillis() + PAUSE_AFTER_FAILURE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("Job worker stopping: {} job(s) still running after {}; handing them back",
                        running.size(), settings.shutdownGrace());
                running.forEach(RunningJob::handBackAtNextCheckpoint);
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    running.forEach(job -> quietly(() -> deliveries.handBack(job.attempt())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.shutdownNow();
        executor.shutdownNow();
        log.info("Job worker {} stopped", deliveries.consumer());
    }

    @Override
    public void close() {
        stop();
    }

    private void sleep(long millis) {
        try {
            sleeper.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
