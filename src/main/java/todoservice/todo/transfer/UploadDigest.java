package todoservice.todo.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import todoservice.ops.Sha256;
import todoservice.web.ApiException;

/**
 * An upload read once: counted against the import limit (past it, a 413 aborts the storing, which then keeps
 * nothing) and hashed, so an idempotency key can tell the same upload from a different one.
 */
final class UploadDigest extends FilterInputStream {

    private final long maxBytes;
    private final MessageDigest sha256;
    private long count;

    UploadDigest(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
        this.sha256 = Sha256.digest();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
            sha256.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
            sha256.update(buffer, offset, n);
        }
        return n;
    }

    private void counted(int n) {
        count += n;
        if (count > maxBytes) {
            throw new ApiException(413, "The upload is larger than " + maxBytes + " bytes.");
        }
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
