package todoservice.dev;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import todoservice.container.ContainerProblem;

/**
 * Jetty's own refusals under {@code mvn jetty:run}, as the problem documents Tomcat's valve writes in production
 * (same {@link ContainerProblem}). Reached two ways (src/test/jetty/): as the webapp's error page, for what Jetty
 * refuses inside the context, and at {@code /_container-error/NNN} from the server's re-handling error handler, for
 * what it refuses before any context. Any method: the refused request keeps its own.
 */
public final class ContainerErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = status(request, response);
        byte[] body = ContainerProblem.json(status).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(ContainerProblem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static int status(HttpServletRequest request, HttpServletResponse response) {
        Object errorStatus = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (errorStatus instanceof Integer code) {
            return code;
        }
        String path = request.getPathInfo();
        if (path != null && path.matches("/[45]\\d\\d")) {
            return Integer.parseInt(path.substring(1));
        }
        return response.getStatus() >= 400 ? response.getStatus() : 404;
    }
}
