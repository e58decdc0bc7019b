package todoservice.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ServerId;
import com.mongodb.connection.ClusterId;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class MongoErrorsTest {

    private final ServerAddress server = new ServerAddress("127.0.0.1", 27017);

    @Test
    void anUnreachableOverloadedOrHangingDatabaseIsUnavailableNotABug() {
        assertThat(MongoErrors.isUnavailable(new MongoTimeoutException("no server"))).isTrue();
        assertThat(MongoErrors.isUnavailable(
                new MongoSocketReadTimeoutException("hanging", server, new java.net.SocketTimeoutException())))
                .isTrue();
        assertThat(MongoErrors.isUnavailable(new MongoConnectionPoolClearedException(
                new ServerId(new ClusterId(), server), null))).isTrue();
    }

    @Test
    void aCommandTheServerRefusedIsNotUnavailability() {
        assertThat(MongoErrors.isUnavailable(new MongoCommandException(
                BsonDocument.parse("{ok: 0, code: 2, errmsg: 'bad value'}"), server))).isFalse();
        assertThat(MongoErrors.isUnavailable(new IllegalStateException("a bug"))).isFalse();
    }
}
