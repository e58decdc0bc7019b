package todoservice.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import todoservice.config.AuthSettings;
import todoservice.it.Poll;

class PasswordHasherTest {

    /** Cheap parameters, so the tests stay fast; the cost does not change what is checked. */
    private static final AuthSettings CHEAP = settings(1024, 1, 1);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static AuthSettings settings(int memoryKib, int iterations, int parallelism) {
        return new AuthSettings(memoryKib, iterations, parallelism, 1, Duration.ofSeconds(2), 5, 20,
                Duration.ofMinutes(15), Duration.ofSeconds(1));
    }

    private PasswordHasher hasher(AuthSettings settings) {
        return new PasswordHasher(settings, new HashingSlots(4, Duration.ofSeconds(2), registry), registry);
    }

    @Test
    void aPasswordMatchesItsHashAndNoOtherPasswordDoes() {
        PasswordHasher hasher = hasher(CHEAP);

        String encoded = hasher.hash("correct horse battery staple");

        assertThat(encoded).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain("correct");
        assertThat(hasher.matches("correct horse battery staple", encoded)).isTrue();
        assertThat(hasher.matches("correct horse battery stapler", encoded)).isFalse();
        assertThat(hasher.matches("", encoded)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).as("a fresh salt each time").isNotEqualTo(encoded);
    }

    @Test
    void hashesFromTheReferenceImplementationVerify() {
        // libargon2's own test vector (argon2id, password "password", salt "somesalt", m=64 MiB, t=2, p=1): hashes
        // written by other Argon2 libraries, or read by them, stay usable.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertThat(hasher(CHEAP).matches("password", reference)).isTrue();
        assertThat(hasher(CHEAP).matches("Password", reference)).isFalse();
    }

    @Test
    void aPasswordTypedWithAComposedOrADecomposedAccentIsTheSamePassword() {
        PasswordHasher hasher = hasher(CHEAP);

        String encoded = hasher.hash("caf\u00e9 cr\u00e8me");

        assertThat(hasher.matches("cafe\u0301 cre\u0300me", encoded)).isTrue();
    }

    @Test
    void hashesMadeUnderOlderParametersStillVerifyAndAskToBeRehashed() {
        String old = hasher(CHEAP).hash("s3cret!");
        PasswordHasher stronger = hasher(settings(2048, 2, 1));

        assertThat(stronger.matches("s3cret!", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("s3cret!"))).isFalse();
        assertThat(hasher(settings(1024, 1, 2)).needsRehash(old)).as("other parallelism").isTrue();
        assertThat(hasher(settings(1024, 2, 1)).needsRehash(old)).as("other iterations").isTrue();
        assertThat(hasher(settings(512, 1, 1)).needsRehash(old)).as("less memory").isTrue();
        assertThat(stronger.needsRehash("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"))
                .as("a bcrypt hash").isTrue();
    }

    @Test
    void aCorruptStoredHashIsRefusedWithoutShowingIt() {
        PasswordHasher hasher = hasher(CHEAP);
        String encoded = hasher.hash("s3cret!");

        assertThatThrownBy(() -> hasher.matches("s3cret!", encoded.substring(0, encoded.length() - 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("$argon2id");
        assertThatThrownBy(() -> hasher.matches("s3cret!", encoded.replace("m=1024", "m=4194304")))
                .as("a planted hash asking for 4 GiB").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.matches("s3cret!", encoded.replace("p=1", "p=17")))
                .as("more lanes than allowed").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.matches("s3cret!", encoded.replace("$argon2id$", "$argon2i$")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLoginToAnUnknownAccountDoesTheSameHashingAsARealOne() {
        PasswordHasher hasher = hasher(settings(2048, 2, 1));

        assertThat(hasher.matchesNothing("whatever")).isFalse();

        assertThat(registry.get("todo.auth.password.hashes").tag("operation", "verify").timer().count())
                .as("one Argon2id computation under the configured parameters").isEqualTo(1);
    }

    @Test
    void aHashBeyondTheConcurrencyLimitIsRefusedOnceTheWaitRunsOut() throws Exception {
        HashingSlots oneSlot = new HashingSlots(1, Duration.ofMillis(50), registry);
        PasswordHasher hasher = new PasswordHasher(CHEAP, oneSlot, registry);
        Runnable giveBack = takeTheOnlySlot(oneSlot);

        assertThatThrownBy(() -> hasher.hash("second")).isInstanceOf(HashingBusyException.class)
                .satisfies(e -> assertThat(((HashingBusyException) e).retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> hasher.matchesNothing("third")).isInstanceOf(HashingBusyException.class);
        assertThat(registry.get("todo.auth.password.refused").counter().count()).isEqualTo(2);

        giveBack.run();
        assertThat(hasher.matches("fourth", hasher.hash("fourth"))).as("the slot is free again").isTrue();
    }

    @Test
    void aWaitingHashGetsTheSlotAsSoonAsItIsFreed() throws Exception {
        HashingSlots oneSlot = new HashingSlots(1, Duration.ofSeconds(10), registry);
        PasswordHasher hasher = new PasswordHasher(CHEAP, oneSlot, registry);
        Runnable giveBack = takeTheOnlySlot(oneSlot);

        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> hasher.hash("patient"), threads);
        assertThat(Poll.until(() -> registry.get("todo.auth.password.waiting").gauge().value() == 1)).isTrue();
        assertThat(waiting).isNotDone();

        giveBack.run();
        assertThat(hasher.matches("patient", waiting.get(10, TimeUnit.SECONDS))).isTrue();
    }

    /** Takes the slot on another thread and keeps it; the returned action gives it back and waits until it has. */
    private Runnable takeTheOnlySlot(HashingSlots oneSlot) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> holder = threads.submit(() -> oneSlot.run(() -> {
            holding.countDown();
            return await(release);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return () -> {
            release.countDown();
            assertThat(holder).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
        };
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
