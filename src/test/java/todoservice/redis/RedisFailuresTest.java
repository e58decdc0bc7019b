package todoservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** A failover's error replies open the breaker like a lost connection; a full Redis's refusal does not. */
class RedisFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing",
            "READONLY You can't write against a read only replica.", "MASTERDOWN Link with MASTER is down",
            "LOADING Redis is loading the dataset in memory"})
    void repliesThatEndWithTheFailoverAreOutages(String reply) {
        assertThat(RedisFailures.isOutage(new JedisDataException(reply))).isTrue();
    }

    @Test
    void aFullRedisRefusingWritesIsNoOutage() {
        assertThat(RedisFailures.isOutage(new JedisDataException(
                "OOM command not allowed when used memory > 'maxmemory'."))).isFalse();
    }

    @Test
    void lostConnectionsAndExhaustedClusterRetriesAreOutages() {
        assertThat(RedisFailures.isOutage(new JedisConnectionException("Connection refused"))).isTrue();
        assertThat(RedisFailures.isOutage(new JedisClusterOperationException("No more cluster attempts left.")))
                .isTrue();
    }
}
