package todoservice.todo.transfer;

import java.util.Locale;
import java.util.Optional;

/**
 * The file formats an import accepts, chosen by the upload's {@code Content-Type}, so the client says what it sends
 * instead of the service guessing from the bytes.
 */
public enum ImportFormat {
    /** One JSON object per line: a problem on one line leaves every other line importable. */
    NDJSON("application/x-ndjson"),
    /** One JSON array of objects, as the JSON export writes it. */
    JSON("application/json"),
    /** RFC 4180 rows {@code content[,is_finished]}, with an optional header, as the CSV export writes it. */
    CSV("text/csv");

    private final String mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The format of a {@code Content-Type} header; parameters ({@code text/csv; charset=utf-8}) and case are
     * ignored. Empty for a missing header or a type no import reads.
     */
    public static Optional<ImportFormat> forMediaType(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            return Optional.empty();
        }
        int parameters = contentTypeHeader.indexOf(';');
        String type = (parameters < 0 ? contentTypeHeader : contentTypeHeader.substring(0, parameters))
                .strip()
                .toLowerCase(Locale.ROOT);
        for (ImportFormat format : values()) {
            if (format.mediaType.equals(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
