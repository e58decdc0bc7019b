package todoservice.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.slf4j.bridge.SLF4JBridgeHandler;
import todoservice.container.ProblemErrorReportValve;

/**
 * The real WAR layout ({@code src/main/webapp}, its {@code web.xml}, the application's listener) deployed in an
 * embedded Tomcat 11 on a free loopback port, with the production error-report valve. Configuration is given as
 * context parameters, the way an operator writes {@code <Parameter>} entries in Tomcat's {@code context.xml}.
 */
public final class TestServer implements AutoCloseable {

    static {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private final Tomcat tomcat;
    private final Context context;
    private final URI base;

    private TestServer(String contextPath, Map<String, String> parameters, Valve... valves) {
        Path workDir = tempDir();
        tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(workDir.resolve("webapps").toString());
        // As tomcat-conf/conf/server.xml: Tomcat's own refusals answered as problem+json.
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        tomcat.setAddDefaultWebXmlToWebapp(false);
        for (Valve valve : valves) {
            tomcat.getHost().getPipeline().addValve(valve);
        }
        context = tomcat.addWebapp(contextPath, new File("src/main/webapp").getAbsolutePath());
        // As Tomcat's conf/web.xml does in production: the static file servlet (and MIME types) the web page's
        // scripts and stylesheets come from (web.xml maps them to "default").
        Tomcat.addServlet(context, "default", DefaultServlet.class.getName()).addInitParameter("listings", "false");
        Tomcat.addDefaultMimeTypeMappings(context);
        parameters.forEach(context::addParameter);
        // Most suites speak the tutorial's token-less API; the accounts suites set AUTH_ANONYMOUS=false.
        if (!parameters.containsKey("AUTH_ANONYMOUS")) {
            context.addParameter("AUTH_ANONYMOUS", "true");
        }
        StandardJarScanner scanner = (StandardJarScanner) context.getJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
        int port = connector.getLocalPort();
        base = URI.create("http://127.0.0.1:" + port + contextPath + "/");
    }

    /** Deploys the application at {@code contextPath} ("" for the root). */
    public static TestServer start(String contextPath, Map<String, String> parameters) {
        return deployed(new TestServer(contextPath, parameters));
    }

    /**
     * Deploys the application behind Tomcat's {@code RemoteIpValve} trusting loopback proxies, as the production
     * {@code server.xml} does: the container, not the application, turns X-Forwarded-* into the request's URL.
     */
    public static TestServer startBehindProxy(Map<String, String> parameters) {
        RemoteIpValve proxy = new RemoteIpValve();
        proxy.setInternalProxies("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1");
        proxy.setRemoteIpHeader("X-Forwarded-For");
        proxy.setProtocolHeader("X-Forwarded-Proto");
        proxy.setHostHeader("X-Forwarded-Host");
        return deployed(new TestServer("", parameters, proxy));
    }

    private static TestServer deployed(TestServer server) {
        if (!server.isDeployed()) {
            server.close();
            throw new IllegalStateException("The application failed to deploy; see the log above");
        }
        return server;
    }

    /** Starts Tomcat and tries to deploy, even when deployment fails (for tests of refused configuration). */
    public static TestServer startAllowingFailure(Map<String, String> parameters) {
        return new TestServer("", parameters);
    }

    public boolean isDeployed() {
        return context.getState() == LifecycleState.STARTED;
    }

    /** The application's base URI, ending in "/". */
    public URI base() {
        return base;
    }

    public URI uri(String relative) {
        return base.resolve(relative.startsWith("/") ? relative.substring(1) : relative);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("todo-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
