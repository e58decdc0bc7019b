package todoservice;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.config.Config;
import todoservice.config.ConfigReader;
import todoservice.config.ConfigSource;
import todoservice.jobs.JobHandler;

/**
 * A job worker as a process of its own (supervisord runs it in the stack): the same configuration keys as the
 * web application, from system properties and the environment. SIGTERM stops it gracefully: no new jobs, running
 * ones finish within {@code JOBS_SHUTDOWN_GRACE} or are handed back to the queue.
 * Run it from the WAR's classes: {@code java -cp 'WEB-INF/classes:WEB-INF/lib/*' todoservice.WorkerMain}.
 */
public final class WorkerMain {

    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(List.of());
    }

    /** Runs until the JVM is asked to stop; {@code extraHandlers} lets a test add job types of its own. */
    public static void run(List<JobHandler> extraHandlers) throws InterruptedException {
        Config config = ConfigReader.read(ConfigSource.firstOf(List.of(
                ConfigSource.systemProperties(), ConfigSource.environment())));
        log.info("Starting a job worker with {}", config);
        App worker = App.forWorker(config, extraHandlers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stop requested: finishing or handing back running jobs");
            worker.close();
            stopped.countDown();
        }, "jobs-shutdown"));
        stopped.await();
    }
}
