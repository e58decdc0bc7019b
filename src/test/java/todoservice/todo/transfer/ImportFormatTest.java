package todoservice.todo.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportFormatTest {

    @Test
    void eachFormatIsChosenByItsMediaType() {
        assertThat(ImportFormat.forMediaType("application/x-ndjson")).contains(ImportFormat.NDJSON);
        assertThat(ImportFormat.forMediaType("application/json")).contains(ImportFormat.JSON);
        assertThat(ImportFormat.forMediaType("text/csv")).contains(ImportFormat.CSV);
    }

    @Test
    void parametersAndCaseOfTheContentTypeDoNotMatter() {
        assertThat(ImportFormat.forMediaType("text/csv; charset=utf-8")).contains(ImportFormat.CSV);
        assertThat(ImportFormat.forMediaType("Application/JSON;charset=UTF-8")).contains(ImportFormat.JSON);
        assertThat(ImportFormat.forMediaType("  application/x-ndjson ; foo=bar")).contains(ImportFormat.NDJSON);
    }

    @Test
    void aTypeNoImportReadsOrNoHeaderAtAllIsNoFormat() {
        assertThat(ImportFormat.forMediaType("text/plain")).isEmpty();
        assertThat(ImportFormat.forMediaType("application/jsonx")).isEmpty();
        assertThat(ImportFormat.forMediaType("")).isEmpty();
        assertThat(ImportFormat.forMediaType(null)).isEqualTo(Optional.empty());
    }

    @Test
    void mediaTypeIsTheOneTheFormatIsChosenBy() {
        for (ImportFormat format : ImportFormat.values()) {
            assertThat(ImportFormat.forMediaType(format.mediaType())).contains(format);
        }
    }
}
