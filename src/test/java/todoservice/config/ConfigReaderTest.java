package todoservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    @Test
    void everyKeyHasTheDocumentedDefault() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of()));

        assertThat(config.mongodbUri().getConnectionString()).isEqualTo("mongodb://127.0.0.1:27017/todo");
        assertThat(config.mongodbUriGiven()).isFalse();
        assertThat(config.mongodbDatabase()).isEqualTo("todo");
        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.mongodbMaxPoolSize()).isEqualTo(100);
        assertThat(config.todoMaxContentLength()).isEqualTo(1000);
        assertThat(config.httpMaxBodyBytes()).isEqualTo(65536);
        assertThat(config.idempotencyKeyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.devStoreDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void everyKeyIsReadUnderItsOwnName() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of(
                "MONGODB_URI", "mongodb://db.example:27018/tasks",
                "MONGODB_TIMEOUT", "2s",
                "MONGODB_MAX_POOL_SIZE", "20",
                "TODO_MAX_CONTENT_LENGTH", "280",
                "HTTP_MAX_BODY_BYTES", "4096",
                "IDEMPOTENCY_KEY_TTL", "PT1H",
                "DEV_STORE_DIR", "/var/lib/todo")));

        assertThat(config.mongodbUri().getHosts()).containsExactly("db.example:27018");
        assertThat(config.mongodbUriGiven()).isTrue();
        assertThat(config.mongodbDatabase()).isEqualTo("tasks");
        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.mongodbMaxPoolSize()).isEqualTo(20);
        assertThat(config.todoMaxContentLength()).isEqualTo(280);
        assertThat(config.httpMaxBodyBytes()).isEqualTo(4096);
        assertThat(config.idempotencyKeyTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.devStoreDir()).isEqualTo(Path.of("/var/lib/todo"));
    }

    @Test
    void aUriWithoutDatabaseUsesTheTodoDatabase() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of("MONGODB_URI", "mongodb://db.example")));

        assertThat(config.mongodbDatabase()).isEqualTo("todo");
    }

    @Test
    void contextParametersWinOverSystemPropertiesWhichWinOverTheEnvironment() {
        ConfigSource context = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "1s"));
        ConfigSource properties = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "2s", "MONGODB_MAX_POOL_SIZE", "7"));
        ConfigSource environment = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "3s", "MONGODB_MAX_POOL_SIZE", "8",
                "TODO_MAX_CONTENT_LENGTH", "9"));

        Config config = ConfigReader.read(ConfigSource.firstOf(List.of(context, properties, environment)));

        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.mongodbMaxPoolSize()).isEqualTo(7);
        assertThat(config.todoMaxContentLength()).isEqualTo(9);
    }

    @Test
    void aBlankValueCountsAsUnset() {
        ConfigSource blank = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "  "));
        ConfigSource environment = ConfigSource.of(Map.of("MONGODB_TIMEOUT", "3s"));

        Config config = ConfigReader.read(ConfigSource.firstOf(List.of(blank, environment)));

        assertThat(config.mongodbTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void startupFailsNamingEveryInvalidKeyAtOnce() {
        ConfigSource source = ConfigSource.of(Map.of(
                "MONGODB_TIMEOUT", "soon",
                "MONGODB_MAX_POOL_SIZE", "0",
                "HTTP_MAX_BODY_BYTES", "lots",
                "IDEMPOTENCY_KEY_TTL", "-PT1S"));

        assertThatThrownBy(() -> ConfigReader.read(source))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MONGODB_TIMEOUT")
                .hasMessageContaining("MONGODB_MAX_POOL_SIZE")
                .hasMessageContaining("HTTP_MAX_BODY_BYTES")
                .hasMessageContaining("IDEMPOTENCY_KEY_TTL")
                .hasMessageNotContaining("TODO_MAX_CONTENT_LENGTH");
    }

    @Test
    void anInvalidUriIsReportedWithoutEchoingItsPassword() {
        ConfigSource source = ConfigSource.of(Map.of("MONGODB_URI", "postgres://admin:s3cret@db/todo"));

        assertThatThrownBy(() -> ConfigReader.read(source))
                .hasMessageContaining("MONGODB_URI")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theLoggedDescriptionMasksThePassword() {
        Config config = ConfigReader.read(ConfigSource.of(Map.of(
                "MONGODB_URI", "mongodb://app:s3cret@db.example:27017/todo?authSource=admin")));

        assertThat(config.describe().get("MONGODB_URI"))
                .isEqualTo("mongodb://app:****@db.example:27017/todo?authSource=admin");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(ConfigReader.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigReader.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigReader.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigReader.duration("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }
}
