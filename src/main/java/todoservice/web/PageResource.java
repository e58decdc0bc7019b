package todoservice.web;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web page at the application's root, for a node reached without nginx ({@code mvn jetty:run}, a Tomcat of
 * one's own): Jersey answers every path, so the page's document comes from here, its scripts and stylesheets from
 * the container's default servlet ({@code /app/*} in web.xml). Through nginx, nginx serves all of it from disk.
 */
@Path("")
public final class PageResource {

    /** The page's policy: its own scripts, styles and API only (no inline code), and TodoMVC's data: images. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final String DOCUMENT = "/index.html";

    private volatile byte[] document;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response page(@Context ServletContext context) {
        return Response.ok(document(context))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                // Checked on every load, so a redeployed page never runs with the scripts of the last one.
                .header("Cache-Control", "no-cache")
                .build();
    }

    private byte[] document(ServletContext context) {
        byte[] loaded = document;
        if (loaded == null) {
            try (InputStream in = context.getResourceAsStream(DOCUMENT)) {
                if (in == null) {
                    throw new IllegalStateException("The WAR has no " + DOCUMENT);
                }
                loaded = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            document = loaded;
        }
        return loaded;
    }
}
