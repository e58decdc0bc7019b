package todoservice.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.List;
import java.util.Optional;
import todoservice.App;
import todoservice.config.Config;
import todoservice.config.ConfigReader;
import todoservice.config.ConfigSource;

/**
 * Starts the {@link App} when the container deploys the WAR and closes it on undeploy, so a Tomcat redeploy
 * leaks no threads or connections. Configuration: context parameters, then system properties, then the
 * environment.
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
        context.setAttribute(ATTRIBUTE, App.start(config, context.getClassLoader()));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object app = event.getServletContext().getAttribute(ATTRIBUTE);
        if (app instanceof App started) {
            event.getServletContext().removeAttribute(ATTRIBUTE);
            started.close();
        }
    }

    static App app(ServletContext context) {
        Object app = context.getAttribute(ATTRIBUTE);
        if (!(app instanceof App started)) {
            throw new IllegalStateException("The application did not start; see the log for why");
        }
        return started;
    }
}
