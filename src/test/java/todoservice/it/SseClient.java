package todoservice.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server-sent event stream read as it arrives, over java.net.http (HTTP/1.1): the answer's status and headers, then
 * each event (name, data, retry) with the time it was read, on a thread of its own. Comments are kept apart. An
 * answer other than 200 is read whole ({@link #body}).
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** One event as dispatched by the SSE rules: {@code name} "message" when the stream named none. */
    public record Received(String name, String data, String retry, long nanos) {
    }

    private final HttpResponse<InputStream> response;
    private final String body;
    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile IOException failure;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ended.countDown();
            return;
        }
        body = "";
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code uri} with {@code Accept: text/event-stream} and {@code headers} (name, value, ...). */
    public static SseClient open(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseClient(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The whole body of an answer other than 200. */
    public String body() {
        return body;
    }

    /** Every event read so far, in order. */
    public List<Received> events() {
        return List.copyOf(events);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public long count(String name) {
        return events.stream().filter(event -> event.name().equals(name)).count();
    }

    /** The first event read that matches, waiting up to {@code limit} for it. */
    public Optional<Received> await(Duration limit, Predicate<Received> wanted) {
        boolean found = Poll.until(limit, () -> events.stream().anyMatch(wanted));
        return found ? events.stream().filter(wanted).findFirst() : Optional.empty();
    }

    /** The {@code n}th (from 1) event named {@code name}, waiting up to {@code limit} for it. */
    public Optional<Received> awaitNth(String name, int n, Duration limit) {
        Poll.until(limit, () -> count(name) >= n);
        List<Received> named = new ArrayList<>(events.stream().filter(event -> event.name().equals(name)).toList());
        return named.size() >= n ? Optional.of(named.get(n - 1)) : Optional.empty();
    }

    /** Waits up to {@code limit} for the server to end the stream; true when it did. */
    public boolean awaitEnd(Duration limit) {
        try {
            return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Why reading stopped other than by a clean end of the answer (the connection reset, a broken chunk), or null. */
    public IOException failure() {
        return failure;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = null;
            String retry = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || name != null || retry != null) {
                        events.add(new Received(name == null ? "message" : name,
                                data == null ? "" : data.toString(), retry, System.nanoTime()));
                    }
                    name = null;
                    data = null;
                    retry = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> retry = value;
                        default -> {
                            // id and unknown fields: not used by this stream.
                        }
                    }
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            ended.countDown();
        }
    }

    /** Closes the connection (the server notices at its next write). */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
