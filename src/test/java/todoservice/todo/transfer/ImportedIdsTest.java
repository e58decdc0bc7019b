package todoservice.todo.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import todoservice.auth.Owner;
import todoservice.jobs.Job;
import todoservice.jobs.JobState;

class ImportedIdsTest {

    private static Job job(String id) {
        Instant created = Instant.parse("2026-12-01T08:00:00.123Z");
        return new Job(id, Owner.ANONYMOUS.id(), ImportTodosJob.TYPE, Map.of(), JobState.RUNNING, 0, 0, 1,
                Optional.empty(), Optional.empty(), Optional.empty(), false, 0, "", created, created);
    }

    @Test
    void aRetriedAttemptDerivesTheSameIdsSoNothingIsStoredTwice() {
        Job job = job(new ObjectId().toHexString());

        assertThat(ImportTodosJob.importedId(ImportTodosJob.idPrefix(job), 4711))
                .isEqualTo(ImportTodosJob.importedId(ImportTodosJob.idPrefix(job), 4711));
    }

    @Test
    void idsFollowTheFileOrderSoTheLastLineListsFirst() {
        byte[] prefix = ImportTodosJob.idPrefix(job(new ObjectId().toHexString()));
        List<ObjectId> ids = List.of(0L, 1L, 255L, 256L, 65_536L, ImportTodosJob.MAX_RECORDS - 1).stream()
                .map(index -> ImportTodosJob.importedId(prefix, index)).toList();

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids.get(0).getTimestamp()).isEqualTo((int) Instant.parse("2026-12-01T08:00:00Z").getEpochSecond());
    }

    @Test
    void twoImportsNeverShareAnId() {
        Set<ObjectId> seen = new HashSet<>();
        for (int job = 0; job < 200; job++) {
            byte[] prefix = ImportTodosJob.idPrefix(job(new ObjectId().toHexString()));
            for (long index = 0; index < 50; index++) {
                assertThat(seen.add(ImportTodosJob.importedId(prefix, index))).isTrue();
            }
        }
    }
}
