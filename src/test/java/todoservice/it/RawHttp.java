package todoservice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP/1.1 written by hand over one kept-alive connection to 127.0.0.1, from a chosen local address. Java's
 * HttpClient cannot choose one, and the address is what nginx's per-client limits and Tomcat's RemoteIpValve
 * look at: from 127.0.0.2 the test is another, non-loopback-trusted client.
 */
public final class RawHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private final InetAddress source;
    private final int port;
    private final String[] always;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;

    public RawHttp(String sourceAddress, int port) {
        this(sourceAddress, port, new String[0]);
    }

    /** A client that sends {@code always} (name, value, ...) with every request, e.g. its Authorization. */
    public RawHttp(String sourceAddress, int port, String... always) {
        this.always = always.clone();
        try {
            this.source = InetAddress.getByName(sourceAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = port;
    }

    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header (names are case-insensitive), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + text(), e);
            }
        }
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply send(String method, String path, byte[] body, String... headers) {
        try {
            return exchange(method, path, body, headers);
        } catch (IOException e) {
            boolean stale = reused;
            close();
            // A kept-alive connection the server had already closed: retry once, as every client does, but
            // never a request that must not run twice.
            if (stale && IDEMPOTENT.contains(method)) {
                try {
                    return exchange(method, path, body, headers);
                } catch (IOException again) {
                    close();
                    throw new UncheckedIOException(again);
                }
            }
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a body of {@code length} bytes (with Content-Length, or chunked) from a second thread while reading
     * the answer, as a client uploading a large file does; a server that answers early and closes is fine.
     */
    public Reply sendLarge(String method, String path, long length, boolean chunked, String... headers) {
        try {
            connect();
            StringBuilder head = head(method, path, headers)
                    .append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + length).append("\r\n");
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread writer = new Thread(() -> writeBody(length, chunked), "large-body");
            writer.setDaemon(true);
            writer.start();
            Reply reply = read(method);
            close();
            return reply;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private void writeBody(long length, boolean chunked) {
        byte[] block = new byte[65536];
        java.util.Arrays.fill(block, (byte) 'a');
        OutputStream body = out;
        try {
            for (long sent = 0; sent < length; sent += block.length) {
                int size = (int) Math.min(block.length, length - sent);
                if (chunked) {
                    body.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                body.write(block, 0, size);
                if (chunked) {
                    body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            body.flush();
        } catch (IOException e) {
            // the server answered and closed before the whole body was sent
        }
    }

    private Reply exchange(String method, String path, byte[] body, String... headers) throws IOException {
        connect();
        StringBuilder head = head(method, path, headers);
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        reused = true;
        Reply reply = read(method);
        if ("close".equalsIgnoreCase(reply.header("Connection"))) {
            close();
        }
        return reply;
    }

    /** The request line, Host, the headers sent always, then {@code headers}; each line ends in CRLF. */
    private StringBuilder head(String method, String path, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String[] list : new String[][] {always, headers}) {
            for (int i = 0; i + 1 < list.length; i += 2) {
                head.append(list[i]).append(": ").append(list[i + 1]).append("\r\n");
            }
        }
        return head;
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getByName("127.0.0.1"), port, source, 0);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            reused = false;
        }
    }

    private Reply read(String method) throws IOException {
        String statusLine = line();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("No HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        byte[] body;
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            body = new byte[0];
        } else if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            body = chunked();
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else {
            body = in.readAllBytes();
            close();
        }
        return new Reply(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            line();
        }
        for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
            // trailers are ignored
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String size = line();
        return Integer.parseInt(size.split(";", 2)[0].trim(), 16);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
