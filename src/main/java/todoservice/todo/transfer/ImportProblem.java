package todoservice.todo.transfer;

import java.util.Objects;

/** A record that cannot become a todo, with a message meant for the user who uploaded the file. */
public record ImportProblem(long index, long line, String message) implements ImportItem {

    private static final int QUOTED_TEXT_LIMIT = 40;

    public ImportProblem {
        Objects.requireNonNull(message, "message");
        checkPosition(index, line);
    }

    static void checkPosition(long index, long line) {
        if (index < 0 || line < 1) {
            throw new IllegalArgumentException("index must be >= 0 and line >= 1, not " + index + " and " + line);
        }
    }

    /** Text from the file inside a message, cut short so a huge value cannot make a huge report. */
    static String quote(String text) {
        if (text.length() <= QUOTED_TEXT_LIMIT) {
            return '"' + text + '"';
        }
        int end = QUOTED_TEXT_LIMIT - (Character.isHighSurrogate(text.charAt(QUOTED_TEXT_LIMIT - 1)) ? 1 : 0);
        return '"' + text.substring(0, end) + "…\"";
    }
}
