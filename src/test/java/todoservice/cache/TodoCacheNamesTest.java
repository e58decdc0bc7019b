package todoservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import todoservice.config.CacheMode;
import todoservice.config.CacheSettings;
import todoservice.mongo.MongoErrors;
import todoservice.todo.TodoReadCache;

/** The names the todo service gives its cache are the ones operators' dashboards and Redis already know. */
class TodoCacheNamesTest {

    @Test
    void theTodoCacheKeepsItsRedisKeysAndItsChannel() {
        CacheKeys keys = new CacheKeys(TodoReadCache.NAMES);

        assertThat(keys.generation("anonymous")).isEqualTo("todo:v1:{anonymous}:gen");
        assertThat(keys.epoch()).isEqualTo("todo:v1:epoch");
        String data = keys.data("alice", new Stamp(3, 7), "page:a:10");
        assertThat(data).isEqualTo("todo:v1:{alice}:e3g7:page:a:10");
        assertThat(CacheKeys.lease(data)).isEqualTo("todo:v1:{alice}:e3g7:page:a:10:lease");
        assertThat(keys.invalidationChannels()).hasSize(8).allMatch(channel -> channel.startsWith("todo:v1:invalidations:{"))
                .contains(keys.invalidationChannel("6650f0c2a1b2c3d4e5f60718")).doesNotHaveDuplicates();
    }

    @Test
    void theTodoCacheKeepsItsPrometheusNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CacheSettings settings = new CacheSettings(CacheMode.L1_L2, Optional.empty(), Duration.ofMillis(250), 8,
                Duration.ofSeconds(1), 1 << 20, Duration.ofMinutes(10), Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ZERO, 0.1);
        new TwoTierCache(TodoReadCache.NAMES, settings, new FakeSharedTier(), Clock.systemUTC(),
                new FakeMonotonicTime(), () -> 0.5, Runnable::run, Runnable::run, MongoErrors::isUnavailable, registry);

        assertThat(registry.scrape()).contains(
                "todo_cache_gets_total{result=\"hit\",tier=\"l1\"}",
                "todo_cache_gets_total{result=\"stale_on_error\",tier=\"l2\"}",
                "todo_cache_leases_total{result=\"contended\"}",
                "todo_cache_early_refreshes_total",
                "todo_cache_invalidations_total{direction=\"received\"}",
                "todo_cache_generation_reads_total{source=\"reused\"}",
                "todo_cache_generation_renewals_total",
                "todo_cache_loads_seconds_count",
                "cache_gets_total{cache=\"todo.l1\"");
    }
}
