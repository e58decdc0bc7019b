package todoservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.config.Config;
import todoservice.jobs.ExportResource;
import todoservice.jobs.ImportResource;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobMetrics;
import todoservice.jobs.JobResource;
import todoservice.jobs.JobSubmitter;
import todoservice.ops.DevelopmentServices;
import todoservice.ops.HealthResource;
import todoservice.ops.Metrics;
import todoservice.ops.MetricsResource;
import todoservice.ops.OpenedResources;
import todoservice.ops.RequestMetrics;
import todoservice.todo.TodoReadCache;
import todoservice.todo.TodoResource;
import todoservice.todobackend.TodoBackendResource;
import todoservice.web.BodySizeLimitFilter;
import todoservice.web.ContentTypeRequiredFilter;
import todoservice.web.JobQueueExceptionMapper;
import todoservice.web.JsonExceptionMapper;
import todoservice.web.MongoExceptionMapper;
import todoservice.web.OwnerResolver;
import todoservice.web.TodoExceptionMapper;
import todoservice.web.UnexpectedExceptionMapper;
import todoservice.web.WebApplicationExceptionMapper;

/**
 * The composition root: builds config → clients → stores → services → resources with plain constructors, and
 * closes what it opened in reverse order.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);
    private static final Duration JOB_METRICS_EVERY = Duration.ofSeconds(5);
    private static final String IMPORT_PATH = "todo/import";

    private final OpenedResources opened = new OpenedResources();
    private final List<Object> components;

    private App(Config config, ClassLoader classLoader) {
        try {
            components = wire(config, classLoader);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts everything; when a step fails, what was already opened is closed again. */
    public static App start(Config config, ClassLoader classLoader) {
        return new App(Objects.requireNonNull(config, "config"), classLoader);
    }

    private List<Object> wire(Config config, ClassLoader classLoader) {
        if (config.devServices()) {
            Optional<DevelopmentServices> services = DevelopmentServices.find(classLoader);
            if (services.isPresent()) {
                config = open(services.get()).start(config);
            } else {
                log.warn("DEV_SERVICES is true but no development services are on the classpath");
            }
        }
        log.info("Starting with {}", config);
        Metrics metrics = open(new Metrics());
        Backend backend = open(new Backend(config, metrics.registry()));
        backend.indexes.start();
        JobSubmitter jobs = new JobSubmitter(backend.queue);
        backend.queue.ifPresent(queue -> {
            JobMetrics jobMetrics = new JobMetrics(queue, metrics.registry(),
                    backend.handlers.stream().map(JobHandler::type).toList());
            backend.every("todo-jobs-metrics", JOB_METRICS_EVERY, jobMetrics::refresh);
        });
        if (backend.queue.isPresent() && config.jobs().runInApp()) {
            backend.startWorker(List.of());
        } else if (backend.queue.isPresent()) {
            log.info("Jobs: queued here, run by separate worker processes (JOBS_RUN_IN_APP=false)");
        }

        OwnerResolver owners = OwnerResolver.ANONYMOUS;
        ObjectMapper mapper = backend.json.mapper();
        return List.of(
                new TodoResource(backend.todos, new TodoReadCache(backend.cache, backend.store, mapper), owners,
                        jobs),
                new TodoBackendResource(backend.todos, owners),
                new ImportResource(jobs, backend.files, owners, config.jobs().importMaxBytes()),
                new ExportResource(jobs, owners),
                new JobResource(jobs, backend.files, owners),
                new HealthResource(backend.database, backend.indexes, backend::cacheHealth, backend::jobsHealth),
                new MetricsResource(metrics.registry(), config.metricsToken()),
                backend.json,
                // Without Jackson's own mappers, so JSON errors become problem answers (JsonExceptionMapper).
                JacksonFeature.withoutExceptionMappers(),
                new ContentTypeRequiredFilter(),
                new BodySizeLimitFilter(config.httpMaxBodyBytes(), IMPORT_PATH, config.jobs().importMaxBytes()),
                new WebApplicationExceptionMapper(),
                new TodoExceptionMapper(),
                new JsonExceptionMapper(),
                new MongoExceptionMapper(),
                new JobQueueExceptionMapper(),
                new UnexpectedExceptionMapper(),
                new RequestMetrics(metrics.registry()));
    }

    /** Resources, providers and listeners to register with Jersey, as instances. */
    public List<Object> components() {
        return components;
    }

    private <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    @Override
    public void close() {
        opened.close();
    }
}
