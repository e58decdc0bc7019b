package todoservice.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static todoservice.live.Event.CHANGED;
import static todoservice.live.Event.HEARTBEAT;
import static todoservice.live.Event.READY;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import todoservice.web.ApiException;

class ChangeFeedTest {

    private static final Duration REUSE = Duration.ofMillis(5);
    private static final OptionalLong NOT_ANNOUNCED = OptionalLong.empty();

    private final ManualScheduler sender = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChangeFeed feed = new ChangeFeed(3, "anonymous", REUSE, sender, registry);

    @Test
    void aNewStreamGetsReadyFirstOnceTheReuseHasPassed() {
        RecordingStream stream = opened("alice");
        assertThat(stream.events).as("nothing before the sender runs").isEmpty();

        sender.runAll();

        assertThat(stream.events).containsExactly(READY);
        assertThat(sender.delaysMillis).containsExactly(REUSE.toMillis());
    }

    @Test
    void aChangeReachesEveryStreamOfItsOwnerAndNoOtherOwners() {
        RecordingStream laptop = opened("alice");
        RecordingStream phone = opened("alice");
        RecordingStream bobs = opened("bob");
        sender.runAll();

        feed.changedHere("alice", NOT_ANNOUNCED);
        sender.runAll();

        assertThat(laptop.events).containsExactly(READY, CHANGED);
        assertThat(phone.events).containsExactly(READY, CHANGED);
        assertThat(bobs.events).containsExactly(READY);
    }

    @Test
    void aChangeAnnouncedOverPubSubIsPassedOnAfterTheReuseAndItsEchoOnlyOnce() {
        RecordingStream stream = opened("alice");
        sender.runAll();
        sender.delaysMillis.clear();

        feed.announced("alice", 41);
        feed.changedHere("alice", OptionalLong.of(41));
        sender.runAll();
        feed.changedHere("alice", OptionalLong.of(42));
        feed.announced("alice", 42);
        sender.runAll();

        assertThat(stream.events).containsExactly(READY, CHANGED, CHANGED);
        assertThat(sender.delaysMillis).as("only the announcement waits").containsExactly(REUSE.toMillis());
    }

    @Test
    void changesBeforeReadyAreAnsweredByReadyAndABurstCostsOneEvent() {
        RecordingStream stream = opened("alice");
        feed.changedHere("alice", NOT_ANNOUNCED);
        feed.heartbeat();
        sender.runAll();
        assertThat(stream.events).containsExactly(READY);

        for (int write = 0; write < 10; write++) {
            feed.changedHere("alice", NOT_ANNOUNCED);
        }
        sender.runAll();

        assertThat(stream.events).containsExactly(READY, CHANGED);
    }

    @Test
    void heartbeatsReachEveryStreamAndAnOutageMakesEveryStreamRefetch() {
        RecordingStream alices = opened("alice");
        RecordingStream bobs = opened("bob");
        sender.runAll();

        feed.heartbeat();
        sender.runAll();
        feed.everyoneChanged();
        sender.runAll();

        assertThat(alices.events).containsExactly(READY, HEARTBEAT, CHANGED);
        assertThat(bobs.events).containsExactly(READY, HEARTBEAT, CHANGED);
    }

    @Test
    void aStreamWhoseWriteFailsIsClosedAndDroppedAndTheOthersGoOn() {
        RecordingStream dead = opened("alice");
        RecordingStream alive = opened("alice");
        sender.runAll();
        assertThat(feed.openStreams()).isEqualTo(2);

        dead.broken = true;
        feed.heartbeat();
        sender.runAll();

        assertThat(dead.closed).isTrue();
        assertThat(feed.openStreams()).isEqualTo(1);
        assertThat(gauge()).isEqualTo(1);
        dead.broken = false;
        feed.changedHere("alice", NOT_ANNOUNCED);
        sender.runAll();
        assertThat(dead.events).containsExactly(READY);
        assertThat(alive.events).containsExactly(READY, HEARTBEAT, CHANGED);
    }

    @Test
    void anOwnerMayKeepItsBoundOfStreamsOpenAndNoMore() {
        List<RecordingStream> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            streams.add(opened("alice"));
        }
        RecordingStream refused = new RecordingStream();

        assertThatThrownBy(() -> feed.open("alice", refused)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.limit()).isEqualTo("event_streams");
            assertThat(e.headers()).containsKey("Retry-After");
        });
        sender.runAll();
        assertThat(refused.events).isEmpty();
        assertThat(refused.closed).as("a refused stream is left to Jersey's error answer").isFalse();
        RecordingStream bobs = opened("bob");
        sender.runAll();
        assertThat(bobs.events).as("another owner is not bounded by alice's streams").containsExactly(READY);

        streams.get(0).broken = true;
        feed.heartbeat();
        sender.runAll();
        RecordingStream again = opened("alice");
        sender.runAll();
        assertThat(again.events).as("a dropped stream frees its place").containsExactly(READY);
        assertThat(feed.openStreams()).isEqualTo(4);
    }

    @Test
    void theDevelopmentOwnerIsNotBounded() {
        for (int i = 0; i < 10; i++) {
            opened("anonymous");
        }
        assertThat(feed.openStreams()).isEqualTo(10);
    }

    @Test
    void concurrentOpensNeverPassTheBound() throws Exception {
        int attempts = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        feed.open("alice", new RecordingStream());
                        return true;
                    } catch (ApiException refused) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int opened = 0;
            for (Future<Boolean> result : results) {
                opened += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(opened).isEqualTo(3);
            assertThat(feed.openStreams()).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingEndsEveryStreamAndRefusesNewOnesWith503() {
        RecordingStream alices = opened("alice");
        RecordingStream bobs = opened("bob");
        sender.runAll();

        feed.close();

        assertThat(alices.closed).isTrue();
        assertThat(bobs.closed).isTrue();
        assertThat(feed.openStreams()).isZero();
        assertThatThrownBy(() -> feed.open("alice", new RecordingStream()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        feed.changedHere("alice", NOT_ANNOUNCED);
        sender.runAll();
        assertThat(alices.events).containsExactly(READY);
    }

    @Test
    void theGaugeCountsOpenStreams() {
        opened("alice");
        opened("bob");
        assertThat(gauge()).isEqualTo(2);
    }

    private RecordingStream opened(String owner) {
        RecordingStream stream = new RecordingStream();
        feed.open(owner, stream);
        return stream;
    }

    private double gauge() {
        return registry.get("todo.events.streams").gauge().value();
    }
}
