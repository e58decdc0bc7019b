package todoservice.web;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import todoservice.App;

/**
 * The JAX-RS application of the WAR. It registers, as instances, what {@link AppListener} built for this
 * deployment: nothing is scanned or injected by the framework.
 */
public final class TodoApplication extends ResourceConfig {

    public TodoApplication(@Context ServletContext servletContext) {
        App app = AppListener.app(servletContext);
        app.components().forEach(this::register);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Our exception mappers answer every error; Jersey must not replace their bodies with container pages.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
    }
}
