package todoservice.web;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The JAX-RS application of the WAR. It registers, as instances, the resources and providers the servlet listener
 * built for this deployment and {@link #provide provided}: nothing is scanned or injected by the framework.
 */
public final class TodoApplication extends ResourceConfig {

    private static final String COMPONENTS = TodoApplication.class.getName() + ".components";

    public TodoApplication(@Context ServletContext servletContext) {
        components(servletContext).forEach(this::register);
        // Server-sent events (GET /events), registered here rather than found on the classpath.
        register(SseFeature.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Our exception mappers answer every error; Jersey must not replace their bodies with container pages.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
    }

    /** Called by the servlet listener on deploy, before Jersey's servlet starts. */
    public static void provide(ServletContext context, List<Object> components) {
        context.setAttribute(COMPONENTS, List.copyOf(components));
    }

    private static List<?> components(ServletContext context) {
        if (!(context.getAttribute(COMPONENTS) instanceof List<?> components)) {
            throw new IllegalStateException("The application did not start; see the log for why");
        }
        return components;
    }
}
