// bench/JobThroughput.java - no-op jobs per second through the real job queue: JobQueue.enqueue (the request
// side), Redis Streams, and a real Worker (JobDeliveries, JobSettings concurrency C) in this same JVM.
//
//   java -cp "$CLASSPATH_TEST" bench/JobThroughput.java REDIS_URI [--jobs N] [--warmup N] [--concurrency 1,2,8]
//        [--redis-pid PID] [--clk-tck HZ]
//
// bench/jobs runs it (JDK 17 source-file mode). REDIS_URI must be a Redis of the benchmark's own: every round
// starts with FLUSHALL. For each concurrency C, on an empty Redis:
//   enqueue   N jobs enqueued one after another by one thread, no worker running: the enqueue-only rate;
//   drain     then a worker with C slots is started and takes that backlog: start -> last job succeeded;
//   e2e       FLUSHALL, a worker with C slots is started and idle, then N jobs are enqueued by one thread while it
//             runs: first enqueue -> last job succeeded, and each job's own enqueue -> succeeded time.
// Times come from the jobs' records (created_at, updated_at: this machine's clock, in ms); polling
// JobQueue.stats() only tells when to look. The settings are the application's defaults (ConfigReader) but for
// JOBS_CONCURRENCY. The handler does nothing: run returns JobResult.report("{}"), so the figures are the queue's
// own cost (4 Redis round trips and a log line per job, plus the enqueue's 2 round trips).
// A warm-up round (C = 2, --warmup jobs, end to end) runs first and is reported as such.
// Output: one "bench-result key=value ..." line per round on stdout (the worker's log lines go there too).

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.UnifiedJedis;
import todoservice.config.ConfigReader;
import todoservice.config.ConfigSource;
import todoservice.config.JobSettings;
import todoservice.jobs.Backoff;
import todoservice.jobs.Job;
import todoservice.jobs.JobContext;
import todoservice.jobs.JobDeliveries;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobQueue;
import todoservice.jobs.JobRedis;
import todoservice.jobs.JobResult;
import todoservice.jobs.JobState;
import todoservice.jobs.NewJob;
import todoservice.jobs.Worker;
import todoservice.redis.CircuitBreaker;

public class JobThroughput {

    static final String TYPE = "bench.noop";
    static final String OWNER = "bench";
    static final Clock CLOCK = Clock.systemUTC();
    /** Backend.JOBS_REDIS_POOL: the pool size the application gives the queue's client. */
    static final int POOL = 32;
    /** A stopped worker's poller may still be in its blocking read (1 s): wait it out before the next round. */
    static final long AFTER_STOP_MILLIS = 1500;

    static String uri;
    static UnifiedJedis redis;
    static Cpu cpu;

    public static void main(String[] args) throws Exception {
        int jobs = 2000;
        int warmup = 500;
        int[] concurrencies = {1, 2, 8};
        long redisPid = 0;
        int clkTck = 100;
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: JobThroughput REDIS_URI [--jobs N] [--warmup N]"
                    + " [--concurrency 1,2,8] [--redis-pid PID] [--clk-tck HZ]");
        }
        uri = args[0];
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--concurrency" -> concurrencies = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--redis-pid" -> redisPid = Long.parseLong(value);
                case "--clk-tck" -> clkTck = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        cpu = new Cpu(redisPid, clkTck);
        redis = JobRedis.connect(URI.create(uri), POOL);
        try {
            if (warmup > 0) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", "warmup");
                row.put("concurrency", 2);
                endToEnd(2, warmup, row);
                print(row);
            }
            for (int concurrency : concurrencies) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("round", "measured");
                row.put("concurrency", concurrency);
                enqueueThenDrain(concurrency, jobs, row);
                endToEnd(concurrency, jobs, row);
                print(row);
            }
        } finally {
            redis.close();
        }
    }

    static void enqueueThenDrain(int concurrency, int jobs, Map<String, Object> row) throws Exception {
        redis.flushAll();
        JobQueue queue = new JobQueue(redis, settings(concurrency), CLOCK, new CircuitBreaker(CLOCK, Duration.ofSeconds(1)));
        Cpu.Mark mark = cpu.mark();
        long started = CLOCK.millis();
        List<String> ids = enqueue(queue, jobs);
        long enqueued = CLOCK.millis();
        cpu.put(row, "enqueue", mark);
        row.put("enqueue_s", seconds(enqueued - started));
        row.put("enqueue_jobs_s", rate(jobs, enqueued - started));

        mark = cpu.mark();
        long workerStarted = CLOCK.millis();
        try (Worker worker = worker(concurrency, "drain")) {
            worker.start();
            awaitSucceeded(queue, jobs);
            cpu.put(row, "drain", mark);
        }
        long last = times(queue, ids).stream().mapToLong(times -> times[1]).max().orElseThrow();
        row.put("drain_s", seconds(last - workerStarted));
        row.put("drain_jobs_s", rate(jobs, last - workerStarted));
        row.put("drain_retries", queue.stats().total("retries"));
        row.put("drain_reclaims", queue.stats().total("reclaims"));
        Thread.sleep(AFTER_STOP_MILLIS);
    }

    static void endToEnd(int concurrency, int jobs, Map<String, Object> row) throws Exception {
        redis.flushAll();
        JobQueue queue = new JobQueue(redis, settings(concurrency), CLOCK, new CircuitBreaker(CLOCK, Duration.ofSeconds(1)));
        List<String> ids;
        long started;
        try (Worker worker = worker(concurrency, "e2e")) {
            worker.start();
            Thread.sleep(500); // the poller is now blocked in XREADGROUP on the empty stream
            Cpu.Mark mark = cpu.mark();
            started = CLOCK.millis();
            ids = enqueue(queue, jobs);
            long enqueued = CLOCK.millis();
            awaitSucceeded(queue, jobs);
            cpu.put(row, "e2e", mark);
            row.put("e2e_enqueue_jobs_s", rate(jobs, enqueued - started));
        }
        List<long[]> times = times(queue, ids);
        long last = times.stream().mapToLong(time -> time[1]).max().orElseThrow();
        long[] latencies = times.stream().mapToLong(time -> time[1] - time[0]).sorted().toArray();
        row.put("e2e_s", seconds(last - started));
        row.put("e2e_jobs_s", rate(jobs, last - started));
        row.put("latency_p50_ms", percentile(latencies, 50));
        row.put("latency_p99_ms", percentile(latencies, 99));
        row.put("latency_max_ms", latencies[latencies.length - 1]);
        row.put("e2e_retries", queue.stats().total("retries"));
        row.put("e2e_reclaims", queue.stats().total("reclaims"));
        Thread.sleep(AFTER_STOP_MILLIS);
    }

    static JobSettings settings(int concurrency) {
        return ConfigReader.read(ConfigSource.of(Map.of(ConfigReader.REDIS_URI, uri,
                ConfigReader.JOBS_CONCURRENCY, Integer.toString(concurrency)))).jobs();
    }

    static Worker worker(int concurrency, String phase) {
        JobSettings settings = settings(concurrency);
        String consumer = "bench-" + ProcessHandle.current().pid() + "-" + phase + "-c" + concurrency + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        return new Worker(new JobDeliveries(redis, settings, CLOCK, consumer), List.of(new NoOp()), settings,
                new Backoff(settings.retryBaseDelay(), settings.retryMaxDelay(),
                        () -> ThreadLocalRandom.current().nextDouble()), CLOCK);
    }

    static List<String> enqueue(JobQueue queue, int jobs) {
        List<String> ids = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            ids.add(queue.enqueue(NewJob.now(OWNER, TYPE, Map.of(), Optional.empty(), "noop")).job().id());
        }
        return ids;
    }

    /** Until the queue's totals count {@code jobs} successes; fails on a failure or after a generous limit. */
    static void awaitSucceeded(JobQueue queue, int jobs) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(120_000L, jobs * 20L) * 1_000_000L;
        while (true) {
            todoservice.jobs.QueueStats stats = queue.stats();
            if (stats.total("count:" + TYPE + ":failed") > 0 || stats.deadLetters() > 0) {
                throw new IllegalStateException("a no-op job failed: " + stats);
            }
            if (stats.total("count:" + TYPE + ":succeeded") >= jobs) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the jobs did not all succeed in time: " + stats);
            }
            Thread.sleep(10);
        }
    }

    /** created_at and updated_at of each job, read after the timed part (one HGETALL per job). */
    static List<long[]> times(JobQueue queue, List<String> ids) {
        List<long[]> times = new ArrayList<>(ids.size());
        for (String id : ids) {
            Job job = queue.find(OWNER, id).orElseThrow(() -> new IllegalStateException("job " + id + " is gone"));
            if (job.state() != JobState.SUCCEEDED) {
                throw new IllegalStateException("job " + id + " is " + job.state() + ", not succeeded");
            }
            times.add(new long[] {job.createdAt().toEpochMilli(), job.updatedAt().toEpochMilli()});
        }
        return times;
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String seconds(long millis) {
        return String.format("%.2f", millis / 1000.0);
    }

    static long rate(int jobs, long millis) {
        return Math.round(jobs * 1000.0 / Math.max(1, millis));
    }

    static void print(Map<String, Object> row) {
        StringBuilder line = new StringBuilder("bench-result");
        row.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
        System.out.flush();
    }

    /** The no-op job. */
    static final class NoOp implements JobHandler {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public JobResult run(JobContext context) {
            return JobResult.report("{}");
        }
    }

    /**
     * Other processes' share of all cores between a mark and now, from /proc: the machine's busy ticks minus this
     * JVM's and redis-server's (the benchmark's store and node are not running during these rounds).
     */
    static final class Cpu {
        record Mark(long busy, long jvm, long redis, long nanos) {
        }

        private final long redisPid;
        private final int clkTck;

        Cpu(long redisPid, int clkTck) {
            this.redisPid = redisPid;
            this.clkTck = clkTck;
        }

        Mark mark() {
            return new Mark(busy(), ticks("self"), redisPid > 0 ? ticks(Long.toString(redisPid)) : 0,
                    System.nanoTime());
        }

        /** Puts PREFIX_others_cpu (share of all cores), PREFIX_jvm_cpu and PREFIX_redis_cpu (of one core). */
        void put(Map<String, Object> row, String prefix, Mark from) {
            Mark to = mark();
            double ticks = (to.nanos() - from.nanos()) / 1e9 * clkTck;
            long jvm = to.jvm() - from.jvm();
            long redis = to.redis() - from.redis();
            row.put(prefix + "_jvm_cpu", Math.round(100.0 * jvm / ticks) + "%");
            row.put(prefix + "_redis_cpu", redisPid > 0 ? Math.round(100.0 * redis / ticks) + "%" : "unknown");
            if (from.busy() < 0 || to.busy() < 0) {
                row.put(prefix + "_others_cpu", "unknown");
                return;
            }
            double share = 100.0 * ((to.busy() - from.busy()) - jvm - redis)
                    / (ticks * Runtime.getRuntime().availableProcessors());
            row.put(prefix + "_others_cpu", Math.round(Math.max(0, share)) + "%");
        }

        /** user + nice + system + irq + softirq + steal of all cores, as bench/lib.sh counts them. */
        private static long busy() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** utime + stime + cutime + cstime of a process (fields 14-17 of /proc/PID/stat). */
        private static long ticks(String pid) {
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                        + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
