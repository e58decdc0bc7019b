package todoservice.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.IndexModel;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import todoservice.auth.Owner;

/**
 * The development store uses no secondary index, so the speed of keyset pagination cannot be measured there; this
 * pins the query shape a real MongoDB serves from the {@code {owner, [is_finished,] created_at, _id}} indexes.
 */
class TodoQueriesTest {

    private final Owner alice = new Owner("alice");
    private final ObjectId lastId = new ObjectId("6b06fb0244006b7122152661");
    private final Instant lastCreatedAt = Instant.ofEpochMilli(1_795_619_586_518L);

    @Test
    void theFirstPageFiltersByOwnerOnly() {
        Bson filter = TodoQueries.listFilter(new PageRequest(alice, Optional.empty(), 10, 0, Optional.empty()));

        assertThat(render(filter)).isEqualTo(BsonDocument.parse("{owner: 'alice'}"));
    }

    @Test
    void aCursorPageIsARangeAfterTheLastSortKeyNeverASkip() {
        PageCursor cursor = new PageCursor(Optional.of(false), lastCreatedAt, lastId);

        Bson filter = TodoQueries.listFilter(new PageRequest(alice, Optional.of(false), 10, 0, Optional.of(cursor)));

        Date at = Date.from(lastCreatedAt);
        BsonDocument expected = new Document("$and", java.util.List.of(
                new Document("owner", "alice"),
                new Document("is_finished", false),
                new Document("$or", java.util.List.of(
                        new Document("created_at", new Document("$lt", at)),
                        new Document("$and", java.util.List.of(
                                new Document("created_at", at),
                                new Document("_id", new Document("$lt", lastId)))))))).toBsonDocument();
        assertThat(render(filter)).isEqualTo(expected);
    }

    @Test
    void theSortMatchesTheIndexesNewestFirstWithIdAsTieBreak() {
        assertThat(render(TodoQueries.NEWEST_FIRST))
                .isEqualTo(BsonDocument.parse("{created_at: -1, _id: -1}"));
    }

    @Test
    void theIndexesServeEachOwnersListWithAndWithoutTheFinishedFilter() {
        assertThat(TodoQueries.indexes()).extracting(IndexModel::getKeys).extracting(TodoQueriesTest::render)
                .containsExactly(
                        BsonDocument.parse("{owner: 1, created_at: -1, _id: -1}"),
                        BsonDocument.parse("{owner: 1, is_finished: 1, created_at: -1, _id: -1}"));
    }

    @Test
    void aSingleTodoIsLookedUpByIdAndOwner() {
        assertThat(render(TodoQueries.byId(alice, lastId))).isEqualTo(new Document("$and", java.util.List.of(
                new Document("_id", lastId), new Document("owner", "alice"))).toBsonDocument());
    }

    private static BsonDocument render(Bson bson) {
        return bson.toBsonDocument();
    }
}
