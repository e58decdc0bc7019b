package todoservice.todo.transfer;

/**
 * One record of an import file as {@link ImportReader} hands it out: a todo to create or a problem to report.
 * Both carry where they are, so a user can find the record in the file and a retried job can skip what it did.
 */
public sealed interface ImportItem permits ImportRecord, ImportProblem {

    /**
     * The 0-based position among every item of the file, records and problems alike; reading the same bytes again
     * gives the same indexes, which is what lets a retried job resume after its last checkpoint.
     */
    long index();

    /** The 1-based physical line where the record starts (a quoted CSV field can span several lines). */
    long line();
}
