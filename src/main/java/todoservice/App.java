package todoservice;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.config.Config;
import todoservice.mongo.DevelopmentStore;
import todoservice.mongo.IndexSetup;
import todoservice.mongo.MongoClients;
import todoservice.ops.HealthResource;
import todoservice.ops.Metrics;
import todoservice.ops.MetricsResource;
import todoservice.todo.MongoIdempotencyKeys;
import todoservice.todo.MongoTodoStore;
import todoservice.todo.TodoResource;
import todoservice.todo.TodoService;
import todoservice.todobackend.TodoBackendResource;
import todoservice.web.BodySizeLimitFilter;
import todoservice.web.ContentTypeRequiredFilter;
import todoservice.web.CorsFilter;
import todoservice.web.JsonExceptionMapper;
import todoservice.web.JsonMapper;
import todoservice.web.MongoExceptionMapper;
import todoservice.web.OwnerResolver;
import todoservice.web.RequestIdFilter;
import todoservice.web.TodoExceptionMapper;
import todoservice.web.UnexpectedExceptionMapper;
import todoservice.web.WebApplicationExceptionMapper;

/**
 * The composition root: builds config → clients → stores → services → resources with plain constructors, and
 * closes what it opened in reverse order.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);
    private static final Duration INDEX_RETRY = Duration.ofSeconds(5);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
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
        log.info("Starting with {}", config);
        if (!config.mongodbUriGiven()) {
            DevelopmentStore.find(classLoader).ifPresentOrElse(store -> {
                store.start(config);
                opened.push(store);
            }, () -> log.info("MONGODB_URI is not set: using the default {}", config.mongodbUri()));
        }
        Metrics metrics = open(new Metrics());
        MongoClient mongo = open(MongoClients.create(config, metrics.registry()));
        MongoDatabase database = mongo.getDatabase(config.mongodbDatabase());
        log.info("Store: MongoDB at {}, database \"{}\"", config.describe().get("MONGODB_URI"),
                config.mongodbDatabase());

        MongoTodoStore store = new MongoTodoStore(database);
        MongoIdempotencyKeys keys = new MongoIdempotencyKeys(database, config.idempotencyKeyTtl());
        IndexSetup indexes = open(new IndexSetup(() -> {
            store.createIndexes();
            keys.createIndexes();
        }, INDEX_RETRY));
        indexes.start();

        TodoService todos = new TodoService(store, keys, Clock.systemUTC(), config.todoMaxContentLength());
        OwnerResolver owners = OwnerResolver.ANONYMOUS;
        return List.of(
                new TodoResource(todos, owners),
                new TodoBackendResource(todos, owners),
                new HealthResource(database, indexes),
                new MetricsResource(metrics.registry()),
                new JsonMapper(),
                // Without Jackson's own mappers, so JSON errors become problem answers (JsonExceptionMapper).
                JacksonFeature.withoutExceptionMappers(),
                new RequestIdFilter(),
                new CorsFilter(),
                new ContentTypeRequiredFilter(),
                new BodySizeLimitFilter(config.httpMaxBodyBytes()),
                new WebApplicationExceptionMapper(),
                new TodoExceptionMapper(),
                new JsonExceptionMapper(),
                new MongoExceptionMapper(),
                new UnexpectedExceptionMapper(),
                new MetricsApplicationEventListener(metrics.registry(), new DefaultJerseyTagsProvider(),
                        "http.server.requests", true));
    }

    /** Resources, providers and listeners to register with Jersey, as instances. */
    public List<Object> components() {
        return components;
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            closeQuietly(opened.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
        }
    }
}
