package todoservice.accounts;

import java.util.function.ToLongFunction;

/**
 * Something an account owns elsewhere (its todos, its job files), erased when the account is deleted. The features
 * that own the data provide these; accounts know none of them.
 */
public interface OwnedData {

    /** What this is, for the deletion report: "todos", "job_files". */
    String name();

    /** Erases everything {@code accountId} owns here; returns how many items went. Safe to run twice. */
    long erase(String accountId);

    static OwnedData of(String name, ToLongFunction<String> erase) {
        return new OwnedData() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long erase(String accountId) {
                return erase.applyAsLong(accountId);
            }
        };
    }
}
