package todoservice.container;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report as an RFC 9457 problem ({@link ContainerProblem}) instead of an HTML page. It answers what
 * Tomcat refuses before any webapp runs (a NUL or {@code %00} in the path, encoded dot segments or slashes, a CR
 * in a header, headers too large), which no {@code <error-page>} in web.xml can reach. Answers the application
 * wrote itself pass through untouched.
 * <p>
 * Tomcat's own attributes do not suffice: {@code ErrorReportValve}'s {@code errorCode.NNN} files are always sent
 * as {@code text/html} (hard-coded in 11.0.24), and {@code JsonErrorReportValve} sends {@code application/json}
 * in a shape of its own. Configured in {@code tomcat-conf/conf/server.xml}; {@code bin/stack} puts this class in
 * each node's {@code lib/} (target/todo-container.jar).
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final String REQUEST_ID = "X-Request-Id";
    /** The application's rule for a request id (web.RequestIdFilter), so the access log shows nginx's id. */
    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId != null && WELL_FORMED_ID.matcher(requestId).matches()) {
            response.setHeader(REQUEST_ID, requestId);
        }
        String body = ContainerProblem.json(status);
        // No charset parameter: JSON is UTF-8 by definition (RFC 8259), and one set before the error would stay.
        response.setCharacterEncoding((String) null);
        response.setContentType(ContainerProblem.MEDIA_TYPE);
        response.setContentLength(body.length());
        try {
            // The reporter works whether or not the application had taken the writer or the output stream.
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                writer.flush();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer already committed: nothing left to tell it.
        }
    }
}
