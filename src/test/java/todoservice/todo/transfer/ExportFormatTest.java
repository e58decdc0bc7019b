package todoservice.todo.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExportFormatTest {

    @Test
    void jsonAndCsvAreChosenByTheQueryValueInAnyCase() {
        assertThat(ExportFormat.parse("json")).contains(ExportFormat.JSON);
        assertThat(ExportFormat.parse("CSV")).contains(ExportFormat.CSV);
        assertThat(ExportFormat.parse("Csv")).contains(ExportFormat.CSV);
    }

    @Test
    void anyOtherValueIsNoFormat() {
        assertThat(ExportFormat.parse("xml")).isEmpty();
        assertThat(ExportFormat.parse("ndjson")).isEmpty();
        assertThat(ExportFormat.parse(" csv")).isEmpty();
        assertThat(ExportFormat.parse("")).isEmpty();
        assertThat(ExportFormat.parse(null)).isEmpty();
    }

    @Test
    void aDownloadIsServedWithItsMediaTypeAndFileExtension() {
        assertThat(ExportFormat.JSON.mediaType()).isEqualTo("application/json");
        assertThat(ExportFormat.JSON.fileExtension()).isEqualTo("json");
        assertThat(ExportFormat.CSV.mediaType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(ExportFormat.CSV.fileExtension()).isEqualTo("csv");
    }

    @Test
    void everyExportFormatCanBeImportedAgain() {
        for (ExportFormat format : ExportFormat.values()) {
            assertThat(ImportFormat.forMediaType(format.mediaType())).as(format.name()).isPresent();
        }
    }
}
