package todoservice.it;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.HashMap;
import java.util.Map;
import todoservice.dev.EmbeddedMongo;
import todoservice.dev.EmbeddedRedis;

/**
 * Two nodes of the service sharing one development store and one Redis, as the stack runs them, with a client of
 * each and one of the store to look behind the API. Closes everything in reverse order.
 */
final class TwoNodes implements AutoCloseable {

    final EmbeddedMongo mongo;
    final EmbeddedRedis redis;
    final TestServer node1;
    final TestServer node2;
    final Http http;
    final Http other;
    final MongoClient store;

    /** {@code settings} come on top of the shared store and Redis. */
    TwoNodes(Map<String, String> settings) {
        mongo = EmbeddedMongo.inMemory();
        redis = EmbeddedRedis.start(0);
        Map<String, String> all = new HashMap<>(settings);
        all.put("MONGODB_URI", mongo.uri("todo"));
        all.put("REDIS_URI", redis.uri());
        node1 = TestServer.start("", all);
        node2 = TestServer.start("", all);
        http = new Http(node1);
        other = new Http(node2);
        store = MongoClients.create(mongo.uri("todo"));
    }

    @Override
    public void close() {
        store.close();
        node2.close();
        node1.close();
        redis.close();
        mongo.close();
    }
}
