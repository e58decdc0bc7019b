package todoservice.it;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import todoservice.dev.EmbeddedMongo;

/**
 * One application per test class: an in-memory embedded store and the WAR deployed in Tomcat, both on free
 * ports. Use with {@code @RegisterExtension static final TodoServiceExtension app = new TodoServiceExtension();}
 */
public final class TodoServiceExtension implements BeforeAllCallback, AfterAllCallback {

    private final String contextPath;
    private final Map<String, String> parameters;
    private EmbeddedMongo mongo;
    private TestServer server;
    private Http http;

    public TodoServiceExtension() {
        this("", Map.of());
    }

    public TodoServiceExtension(String contextPath, Map<String, String> parameters) {
        this.contextPath = contextPath;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        mongo = EmbeddedMongo.inMemory();
        Map<String, String> all = new java.util.HashMap<>(parameters);
        all.put("MONGODB_URI", mongo.uri("todo"));
        server = TestServer.start(contextPath, all);
        http = new Http(server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    public Http http() {
        return http;
    }

    public TestServer server() {
        return server;
    }

    public EmbeddedMongo mongo() {
        return mongo;
    }
}
