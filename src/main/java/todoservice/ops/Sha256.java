package todoservice.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every JDK has: request fingerprints for idempotency keys, upload digests, derived ids. */
public final class Sha256 {

    /** {@code MessageDigest.getInstance} looks the provider up on every call; each thread keeps one digest. */
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::digest);

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The hex digest of the parts' UTF-8 bytes, each ended by a zero byte, so ("ab", "c") ≠ ("a", "bc"). */
    public static String hexOf(String... parts) {
        MessageDigest sha256 = PER_THREAD.get();
        sha256.reset();
        for (String part : parts) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
