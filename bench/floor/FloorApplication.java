package floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * bench/run's Jersey floor: one JAX-RS resource that answers {@code GET /todo} with the bytes of a real first page
 * (the file named by the system property {@code floor.page}), with nothing of the todo service around it: no
 * filters, no metrics, no cache, no Redis. Deployed in a Tomcat with the stack's own server.xml and JVM flags, it
 * is the most any Jersey resource can reach on this Tomcat here; the service's cached path is measured against it.
 * Never part of the WAR: bench/run compiles it against the WAR's libraries.
 */
public final class FloorApplication extends ResourceConfig {

    public FloorApplication() {
        register(new FirstPage(read(System.getProperty("floor.page", ""))));
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("floor.page: cannot read '" + file + "'", e);
        }
    }

    /** The same answer as a cached {@code GET /todo}: the stored bytes of the page, as JSON. */
    @jakarta.ws.rs.Path("todo")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class FirstPage {

        private final byte[] body;

        FirstPage(byte[] body) {
            this.body = body;
        }

        @GET
        public Response get() {
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        }
    }
}
