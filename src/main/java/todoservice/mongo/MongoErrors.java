package todoservice.mongo;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/** Tells an unreachable or hanging database (worth a 503, or a stale cached copy) from other database errors. */
public final class MongoErrors {
    private MongoErrors() {
    }

    public static boolean isUnavailable(Throwable error) {
        return error instanceof MongoTimeoutException
                || error instanceof MongoSocketException
                || error instanceof MongoExecutionTimeoutException;
    }
}
