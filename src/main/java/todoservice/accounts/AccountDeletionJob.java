package todoservice.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import todoservice.auth.MongoTokenStore;
import todoservice.jobs.JobContext;
import todoservice.jobs.JobHandler;
import todoservice.jobs.JobQueue;
import todoservice.jobs.JobResult;

/**
 * Deletes an account (the job's owner): everything it owned, the records of its jobs (but this one's, which ends
 * with the queue's retention), its tokens, then the account itself, so a retry after a crash finds the account and
 * finishes the work. Each step is safe to repeat.
 */
public final class AccountDeletionJob implements JobHandler {

    public static final String TYPE = "account.delete";
    private static final Logger log = LoggerFactory.getLogger(AccountDeletionJob.class);

    private final List<OwnedData> owned;
    private final Optional<JobQueue> jobs;
    private final MongoTokenStore tokens;
    private final MongoAccountStore accounts;

    /** {@code jobs}: the queue this job runs from (a worker always has one). */
    public AccountDeletionJob(List<OwnedData> owned, Optional<JobQueue> jobs, MongoTokenStore tokens,
            MongoAccountStore accounts) {
        this.owned = List.copyOf(owned);
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobResult run(JobContext context) {
        String accountId = context.job().ownerId();
        Map<String, Long> erased = new LinkedHashMap<>();
        long step = 0;
        for (OwnedData data : owned) {
            context.checkpoint();
            erased.put(data.name(), data.erase(accountId));
            context.progress(++step, owned.size() + 1, 0);
        }
        context.checkpoint();
        jobs.ifPresent(queue -> erased.put("jobs", queue.forgetOwned(accountId, context.job().id())));
        erased.put("tokens", tokens.revokeAll(accountId));
        accounts.delete(accountId);
        context.progress(owned.size() + 1, owned.size() + 1, 0);
        log.info("Account {} deleted: {}", accountId, erased);
        StringBuilder report = new StringBuilder("{\"erased\":{");
        erased.forEach((name, count) -> report.append('"').append(name).append("\":").append(count).append(','));
        report.setCharAt(report.length() - 1, '}');
        return JobResult.report(report.append('}').toString());
    }
}
