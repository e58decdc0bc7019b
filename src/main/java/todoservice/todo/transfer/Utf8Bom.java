package todoservice.todo.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/** Drops a leading UTF-8 byte order mark, which Windows tools (Excel, Notepad) put before a UTF-8 file. */
final class Utf8Bom {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Utf8Bom() {}

    static InputStream skip(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, BOM.length);
        byte[] start = new byte[BOM.length];
        int read = 0;
        while (read < start.length) {
            int n = pushback.read(start, read, start.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        boolean isBom = read == BOM.length && start[0] == BOM[0] && start[1] == BOM[1] && start[2] == BOM[2];
        if (!isBom) {
            pushback.unread(start, 0, read);
        }
        return pushback;
    }
}
