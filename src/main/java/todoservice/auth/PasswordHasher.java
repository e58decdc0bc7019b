package todoservice.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Objects;
import todoservice.config.AuthSettings;

/**
 * Account passwords as Argon2id hashes ({@code AUTH_HASH_*}), stored as PHC strings. Every hash and check runs in
 * one of the node's {@link HashingSlots}, so it may throw {@link HashingBusyException}. Passwords are taken in
 * Unicode NFKC form, as NIST SP 800-63B asks, so "é" typed precomposed or as "e" plus an accent is one password.
 */
public final class PasswordHasher {

    /** RFC 9106's recommendation: a 128-bit salt and a 256-bit tag. */
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final HashingSlots slots;
    private final SecureRandom random = new SecureRandom();
    /** Verified against for unknown accounts: made like a real hash, so it costs the same; matched by nothing. */
    private final Argon2idHash unmatchable;
    private final Timer hashes;
    private final Timer verifications;

    public PasswordHasher(AuthSettings settings, HashingSlots slots, MeterRegistry registry) {
        Objects.requireNonNull(settings, "settings");
        this.slots = Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(registry, "registry");
        this.memoryKib = settings.hashMemoryKib();
        this.iterations = settings.hashIterations();
        this.parallelism = settings.hashParallelism();
        if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 needs at least 1 lane, 1 pass and 8 KiB per lane: m="
                    + memoryKib + " t=" + iterations + " p=" + parallelism);
        }
        this.unmatchable = new Argon2idHash(memoryKib, iterations, parallelism, randomBytes(SALT_BYTES),
                randomBytes(HASH_BYTES));
        this.hashes = timer(registry, "hash");
        this.verifications = timer(registry, "verify");
    }

    private static Timer timer(MeterRegistry registry, String operation) {
        return Timer.builder("todo.auth.password.hashes").tag("operation", operation)
                .description("Argon2id computations, without the wait for a slot").register(registry);
    }

    /** A new hash of {@code password} with a fresh salt, under the configured parameters. */
    public String hash(String password) {
        char[] normalized = normalized(password);
        byte[] salt = randomBytes(SALT_BYTES);
        return slots.run(() -> hashes.record(() -> Argon2idHash.compute(normalized, memoryKib, iterations,
                parallelism, salt, HASH_BYTES))).encoded();
    }

    /**
     * Whether {@code password} is the one {@code encoded} was made from, under the parameters stored in it.
     *
     * @throws IllegalArgumentException if {@code encoded} is not an Argon2id PHC string (a corrupt record)
     */
    public boolean matches(String password, String encoded) {
        return verify(password, Argon2idHash.parse(encoded));
    }

    /**
     * For a login to an account that does not exist: checks {@code password} against a hash nothing matches, in
     * the time a real check takes, so the answer's timing does not tell whether the account exists. Always false.
     */
    public boolean matchesNothing(String password) {
        verify(password, unmatchable);
        return false;
    }

    /** Whether {@code encoded} was made with other parameters (or another format) than the configured ones. */
    public boolean needsRehash(String encoded) {
        Argon2idHash stored;
        try {
            stored = Argon2idHash.parse(encoded);
        } catch (IllegalArgumentException e) {
            return true;
        }
        return stored.memoryKib() != memoryKib || stored.iterations() != iterations
                || stored.parallelism() != parallelism || stored.salt().length != SALT_BYTES
                || stored.hash().length != HASH_BYTES;
    }

    private boolean verify(String password, Argon2idHash stored) {
        char[] normalized = normalized(password);
        return slots.run(() -> verifications.record(() -> stored.matches(normalized)));
    }

    private static char[] normalized(String password) {
        return Normalizer.normalize(Objects.requireNonNull(password, "password"), Normalizer.Form.NFKC)
                .toCharArray();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
