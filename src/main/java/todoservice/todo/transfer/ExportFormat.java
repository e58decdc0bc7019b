package todoservice.todo.transfer;

import java.util.Locale;
import java.util.Optional;

/** The file formats of an export, chosen by a query parameter ({@code ?format=csv}); each is also an import format. */
public enum ExportFormat {
    /** One JSON array of todos shaped like the API's own ({@code id, content, created_at, …}). */
    JSON("application/json", "json"),
    /** RFC 4180 with a header row, for spreadsheets; the charset is named because spreadsheets guess otherwise. */
    CSV("text/csv; charset=utf-8", "csv");

    private final String mediaType;
    private final String fileExtension;

    ExportFormat(String mediaType, String fileExtension) {
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
    }

    /** The {@code Content-Type} to serve the file with. */
    public String mediaType() {
        return mediaType;
    }

    /** The extension of the file's name, without the dot. */
    public String fileExtension() {
        return fileExtension;
    }

    /** {@code json} or {@code csv}, in any case; empty for anything else (and for null). */
    public static Optional<ExportFormat> parse(String queryValue) {
        if (queryValue == null) {
            return Optional.empty();
        }
        for (ExportFormat format : values()) {
            if (format.fileExtension.equals(queryValue.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
