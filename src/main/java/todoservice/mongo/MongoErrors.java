package todoservice.mongo;

import com.mongodb.MongoConnectionPoolClearedException;
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
                // The driver cleared its pool after a failed health check: the server is overloaded or gone.
                || error instanceof MongoConnectionPoolClearedException
                || error instanceof MongoExecutionTimeoutException;
    }
}
