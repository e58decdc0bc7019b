package todoservice.auth;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import todoservice.config.AuthSettings;

/**
 * An Argon2id (version 1.3) hash with its parameters and salt, as the PHC string that libargon2, Spring Security
 * and Python's argon2-cffi write: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, in unpadded Base64.
 */
record Argon2idHash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

    /** Salts of 8 to 48 bytes, hashes of 16 to 96 bytes. */
    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})"
            + "\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    /** Hashes {@code password} with these parameters and salt into {@code length} bytes. */
    static Argon2idHash compute(char[] password, int memoryKib, int iterations, int parallelism, byte[] salt,
            int length) {
        return new Argon2idHash(memoryKib, iterations, parallelism, salt,
                derive(password, memoryKib, iterations, parallelism, salt, length));
    }

    /** Whether {@code password} hashes to this hash under its own parameters; compared in constant time. */
    boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, memoryKib, iterations, parallelism, salt, hash.length));
    }

    /** The stored form, carrying its own parameters: hashes made under an older policy still verify. */
    String encoded() {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
    }

    /**
     * Reads a stored hash. Parameters beyond {@link AuthSettings}' maximums are refused before any memory is
     * allocated for them, so a corrupt or planted record cannot make one login take a gigabyte or an hour.
     */
    static Argon2idHash parse(String encoded) {
        Matcher phc = PHC.matcher(encoded);
        if (!phc.matches()) {
            throw notPhc();
        }
        int memoryKib = Integer.parseInt(phc.group(1));
        int iterations = Integer.parseInt(phc.group(2));
        int parallelism = Integer.parseInt(phc.group(3));
        if (parallelism < 1 || parallelism > AuthSettings.MAX_HASH_PARALLELISM
                || memoryKib < 8 * parallelism || memoryKib > AuthSettings.MAX_HASH_MEMORY_KIB
                || iterations < 1 || iterations > AuthSettings.MAX_HASH_ITERATIONS) {
            throw new IllegalArgumentException("an Argon2id hash with parameters out of range");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return new Argon2idHash(memoryKib, iterations, parallelism, base64.decode(phc.group(4)),
                    base64.decode(phc.group(5)));
        } catch (IllegalArgumentException e) {
            throw notPhc();
        }
    }

    /** Never names the value: it is a password hash. */
    private static IllegalArgumentException notPhc() {
        return new IllegalArgumentException("not an Argon2id v1.3 hash in PHC format");
    }

    private static byte[] derive(char[] password, int memoryKib, int iterations, int parallelism, byte[] salt,
            int length) {
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] derived = new byte[length];
        argon2.generateBytes(password, derived);
        return derived;
    }
}
