package todoservice.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import todoservice.redis.RedisAddress.Node;
import todoservice.redis.RedisAddress.Topology;

/** The three forms of REDIS_URI an operator writes, and the mistakes refused before the service starts. */
class RedisAddressTest {

    @Test
    void aStandaloneUriKeepsWhatJedisReadFromItBefore() {
        RedisAddress address = RedisAddress.parse("rediss://app:s%40cret@cache.example:6380/2");

        assertThat(address.topology()).isEqualTo(Topology.STANDALONE);
        assertThat(address.nodes()).containsExactly(new Node("cache.example", 6380));
        assertThat(address.user()).contains("app");
        assertThat(address.password()).contains("s@cret");
        assertThat(address.database()).isEqualTo(2);
        assertThat(address.tls()).isTrue();
        assertThat(address).hasToString("rediss://app:****@cache.example:6380/2");
    }

    @Test
    void aPasswordAloneIsReadAsRedisCliReadsIt() {
        RedisAddress address = RedisAddress.parse("redis://secret@127.0.0.1");

        assertThat(address.user()).isEmpty();
        assertThat(address.password()).contains("secret");
        assertThat(address.nodes()).containsExactly(new Node("127.0.0.1", 6379));
        assertThat(address).hasToString("redis://:****@127.0.0.1:6379");
        assertThat(RedisAddress.parse("redis://[::1]:6380").nodes()).containsExactly(new Node("::1", 6380));
    }

    @Test
    void aSentinelSetNamesItsSentinelsAndTheMasterTheyWatch() {
        RedisAddress address = RedisAddress.parse(
                "redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2,sentinel-3.example:26381/1?master=todo-primary");

        assertThat(address.topology()).isEqualTo(Topology.SENTINEL);
        assertThat(address.nodes()).containsExactly(new Node("10.0.0.1", 26379), new Node("10.0.0.2", 26379),
                new Node("sentinel-3.example", 26381));
        assertThat(address.masterName()).contains("todo-primary");
        assertThat(address.database()).isEqualTo(1);
        assertThat(address).hasToString(
                "redis-sentinel://:****@10.0.0.1:26379,10.0.0.2:26379,sentinel-3.example:26381/1?master=todo-primary");
    }

    @Test
    void aClusterIsASeedListOfNodes() {
        RedisAddress address = RedisAddress.parse("redis-cluster://a.example:7000,b.example:7001,c.example");

        assertThat(address.topology()).isEqualTo(Topology.CLUSTER);
        assertThat(address.nodes()).extracting(Node::port).containsExactly(7000, 7001, 6379);
        assertThat(address.masterName()).isEmpty();
        assertThat(RedisAddress.parse("rediss-cluster://x:7000").tls()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cache.example:6379", "cache.example:6379", "redis://", "redis://a:1,b:2",
            "redis-sentinel://a:26379,b:26379", "redis-cluster://a:7000/3", "redis://host:70000",
            "redis://host:port", "redis://host/db", "redis-cluster://a:7000,,b:7001"})
    void malformedAddressesAreRefusedWithTheFormsThatWork(String text) {
        assertThatThrownBy(() -> RedisAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void theErrorNeverRepeatsThePassword() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://u:secret@host:99999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
        assertThat(List.of(RedisAddress.parse("redis-cluster://u:secret@a:1,b:2").toString()))
                .noneMatch(shown -> shown.contains("secret"));
    }
}
