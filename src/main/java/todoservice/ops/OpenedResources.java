package todoservice.ops;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a composition root opened, closed in reverse order. A resource that fails to close is logged and the
 * others still close, so an undeploy never leaks the rest.
 */
public final class OpenedResources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenedResources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    public <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
