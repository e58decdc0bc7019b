package todoservice;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.List;
import java.util.Optional;
import todoservice.config.Config;
import todoservice.config.ConfigReader;
import todoservice.config.ConfigSource;
import todoservice.web.CorsFilter;
import todoservice.web.TodoApplication;

/**
 * Starts the {@link App} when the container deploys the WAR, hands its resources to {@link TodoApplication}, and
 * closes it on undeploy, so a Tomcat redeploy leaks no threads or connections. Configuration: context parameters,
 * then system properties, then the environment. The only class that touches {@link App} in a web node.
 */
public final class AppListener implements ServletContextListener {

    private static final String ATTRIBUTE = App.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Config config = ConfigReader.read(ConfigSource.firstOf(List.of(
                key -> Optional.ofNullable(context.getInitParameter(key)),
                ConfigSource.systemProperties(),
                ConfigSource.environment())));
        CorsFilter.allow(context, config.corsAllowedOrigins());
        App app = App.forWeb(config, context.getClassLoader());
        context.setAttribute(ATTRIBUTE, app);
        TodoApplication.provide(context, app.webComponents());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object app = event.getServletContext().getAttribute(ATTRIBUTE);
        if (app instanceof App started) {
            event.getServletContext().removeAttribute(ATTRIBUTE);
            started.close();
        }
    }
}
