package todoservice.container;

import java.util.Map;

/**
 * The RFC 9457 problem a servlet container answers when it refuses a request before the application sees it (a
 * NUL or an encoded {@code ../} in the path, a CR in a header, headers too large, ...). Plain Java, so Tomcat's
 * valve and the Jetty of {@code mvn jetty:run} write the same bodies. The details say what is wrong in the
 * client's words and never repeat the container's own message, which names its internals.
 */
public final class ContainerProblem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private record Text(String title, String detail) {
    }

    private static final Map<Integer, Text> TEXTS = Map.ofEntries(
            Map.entry(400, new Text("Bad Request", "The request breaks HTTP's rules (a character, an encoding or a"
                    + " header this server does not accept), so it was not processed.")),
            Map.entry(404, new Text("Not Found", "There is nothing here.")),
            Map.entry(405, new Text("Method Not Allowed", "This method is not allowed on this path.")),
            Map.entry(408, new Text("Request Timeout", "The request did not arrive in time.")),
            Map.entry(411, new Text("Length Required", "This request needs a Content-Length.")),
            Map.entry(413, new Text("Content Too Large", "The body is larger than this route accepts.")),
            Map.entry(414, new Text("URI Too Long", "The request's URI is longer than this server accepts.")),
            Map.entry(431, new Text("Request Header Fields Too Large",
                    "The request's headers are larger than this server accepts.")),
            Map.entry(500, new Text("Internal Server Error", "The server failed to answer; try again later.")),
            Map.entry(501, new Text("Not Implemented",
                    "The server does not support what this request needs (such as its Transfer-Encoding).")),
            Map.entry(503, new Text("Service Unavailable", "The service cannot answer now; try again later.")),
            Map.entry(505, new Text("HTTP Version Not Supported", "Use HTTP/1.1.")));

    private ContainerProblem() {
    }

    /** The problem document for {@code status}; ASCII only, so any writer's charset sends the same bytes. */
    public static String json(int status) {
        Text text = TEXTS.getOrDefault(status, status < 500
                ? new Text("Client Error", "The request was refused.")
                : new Text("Server Error", "The server failed to answer; try again later."));
        return "{\"type\":\"about:blank\",\"title\":\"" + text.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + text.detail() + "\"}\n";
    }
}
