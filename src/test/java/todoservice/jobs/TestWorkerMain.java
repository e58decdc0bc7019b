package todoservice.jobs;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import todoservice.WorkerMain;

/**
 * A job worker process for the tests: the production {@link WorkerMain} with one more job type, {@code test.sleep}.
 * {@link WorkerProcesses} starts it in a JVM of its own.
 */
public final class TestWorkerMain {

    private TestWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String redisUri = Objects.requireNonNull(System.getenv("REDIS_URI"), "REDIS_URI");
        WorkerMain.run(List.of(new SleepJob(URI.create(redisUri))));
    }

    /**
     * {@code test.sleep}: runs for its {@code millis} parameter, reaching a checkpoint every 50 ms and recording
     * progress every 200 ms. Each attempt appends {@code fence@pid} to {@code test:runs:<job id>} when it starts and
     * {@code fence@pid:done:calledAtMillis} to {@code test:progress:<job id>} after each progress write the queue
     * accepted (with the wall-clock time at which the write was begun); its result names its attempt.
     */
    static final class SleepJob implements JobHandler {

        static final String TYPE = "test.sleep";
        static final String MILLIS = "millis";
        private static final long CHECKPOINT_EVERY_MILLIS = 50;
        private static final long PROGRESS_EVERY_MILLIS = 200;

        private final URI redisUri;
        private UnifiedJedis redis;

        SleepJob(URI redisUri) {
            this.redisUri = Objects.requireNonNull(redisUri, "redisUri");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public JobResult run(JobContext context) throws InterruptedException {
            String id = context.job().id();
            long millis = Long.parseLong(context.job().param(MILLIS));
            String attempt = ((RunningJob) context).attempt().fence() + "@" + ProcessHandle.current().pid();
            redis().rpush(runs(id), attempt);
            long started = System.nanoTime();
            long lastProgress = 0;
            while (true) {
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                if (elapsed >= millis) {
                    break;
                }
                Thread.sleep(Math.min(CHECKPOINT_EVERY_MILLIS, millis - elapsed));
                context.checkpoint();
                if (elapsed - lastProgress >= PROGRESS_EVERY_MILLIS) {
                    lastProgress = elapsed;
                    long calledAt = System.currentTimeMillis();
                    context.progress(elapsed, millis, 0);
                    redis().rpush(progress(id), attempt + ":" + elapsed + ":" + calledAt);
                }
            }
            context.progress(millis, millis, 0);
            return JobResult.report("{\"attempt\":\"" + attempt + "\",\"attempts\":" + context.job().attempts()
                    + ",\"millis\":" + millis + "}");
        }

        static String runs(String jobId) {
            return "test:runs:" + jobId;
        }

        static String progress(String jobId) {
            return "test:progress:" + jobId;
        }

        private synchronized UnifiedJedis redis() {
            if (redis == null) {
                redis = JobRedis.connect(redisUri, 4);
            }
            return redis;
        }
    }
}
