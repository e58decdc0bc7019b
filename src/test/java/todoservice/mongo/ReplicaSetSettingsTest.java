package todoservice.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.MongoClientSettings;
import com.mongodb.connection.ClusterConnectionMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import todoservice.config.ConfigReader;
import todoservice.config.ConfigSource;

/**
 * The replica-set connection string docs/scale-out.md recommends reaches the driver whole: no mongod runs here, so
 * what can be checked is that every option the operator writes is what the client is built with.
 */
class ReplicaSetSettingsTest {

    private static MongoClientSettings settingsFor(String uri) {
        return MongoClientFactory.settings(ConfigReader.read(ConfigSource.of(Map.of("MONGODB_URI", uri))),
                new SimpleMeterRegistry());
    }

    @Test
    void theRecommendedReplicaSetStringGivesMajorityWritesAndReadsFromThePrimary() {
        MongoClientSettings settings = settingsFor("mongodb://db1.example:27017,db2.example:27017,db3.example:27017/todo"
                + "?replicaSet=rs0&w=majority&wtimeoutMS=5000&journal=true&readConcernLevel=majority"
                + "&readPreference=primary&retryWrites=true&retryReads=true");

        assertThat(settings.getClusterSettings().getHosts()).hasSize(3);
        assertThat(settings.getClusterSettings().getRequiredReplicaSetName()).isEqualTo("rs0");
        assertThat(settings.getClusterSettings().getMode()).isEqualTo(ClusterConnectionMode.MULTIPLE);
        assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withWTimeout(5000, TimeUnit.MILLISECONDS)
                .withJournal(true));
        assertThat(settings.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(settings.getReadPreference()).isEqualTo(ReadPreference.primary());
        assertThat(settings.getRetryWrites()).isTrue();
        assertThat(settings.getRetryReads()).isTrue();
    }

    @Test
    void optionsInTheStringWinOverTheServicesShortTimeouts() {
        MongoClientSettings settings = settingsFor("mongodb://db1.example,db2.example/todo?replicaSet=rs0"
                + "&serverSelectionTimeoutMS=15000&readPreference=secondaryPreferred&maxStalenessSeconds=120");

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(15_000);
        assertThat(settings.getReadPreference()).isEqualTo(ReadPreference.secondaryPreferred(120, TimeUnit.SECONDS));
    }

    @Test
    void aSingleHostWithoutOptionsKeepsTheServicesDefaults() {
        MongoClientSettings settings = settingsFor("mongodb://127.0.0.1:27017/todo");

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isLessThan(30_000);
        assertThat(settings.getRetryWrites()).as("the driver's default").isTrue();
        assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.ACKNOWLEDGED);
    }
}
