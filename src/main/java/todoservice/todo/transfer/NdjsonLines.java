package todoservice.todo.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n}, dropping a {@code \r} before it. It splits bytes, not characters,
 * so invalid UTF-8 spoils only its own line (a {@code \n} byte is never part of a multi-byte character), and keeps
 * at most {@code maxLength} bytes of a line, so one endless line cannot fill the memory.
 */
final class NdjsonLines {

    /** A line's bytes; {@code tooLong} when the line had more than the limit and was cut. */
    record Line(long number, byte[] bytes, boolean tooLong) {}

    private final InputStream in;
    private final int maxLength;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int end;
    private long number;

    NdjsonLines(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        line.reset();
        boolean sawAnything = false;
        boolean sawNewline = false;
        boolean tooLong = false;
        while (!sawNewline && (position < end || fill())) {
            sawAnything = true;
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (line.size() + chunk <= maxLength + 1) { // + 1: room for the \r of a \r\n
                line.write(buffer, start, chunk);
            } else {
                tooLong = true;
            }
            if (position < end) {
                position++;
                sawNewline = true;
            }
        }
        if (!sawAnything) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new Line(++number, Arrays.copyOf(bytes, length), tooLong || length > maxLength);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        end = Math.max(read, 0);
        return read > 0;
    }
}
