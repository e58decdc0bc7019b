package todoservice.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import todoservice.config.LimitSettings;
import todoservice.web.ApiException;

class QuotasTest {

    private final Quotas quotas = new Quotas(new LimitSettings(0, Duration.ofMinutes(1), 3, 2, 1, 0), "anonymous");

    @Test
    void anAccountWithItsQuotaOfTodosIsRefusedWithAProblemNamingTheLimit() {
        assertThatThrownBy(() -> quotas.ensureRoomForTodo("ada", most -> most))
                .isInstanceOfSatisfying(ApiException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(403);
                    assertThat(refusal.limit()).isEqualTo("todos");
                    assertThat(refusal.getMessage()).contains("3 todos");
                });
    }

    @Test
    void anAccountBelowItsQuotaMayAddWhatIsLeft() {
        quotas.ensureRoomForTodo("ada", most -> 2);
        assertThat(quotas.roomForTodos("ada", most -> 1)).isEqualTo(2);
    }

    @Test
    void theCountStopsAtTheQuota() {
        long[] askedUpTo = new long[1];
        quotas.roomForTodos("ada", most -> {
            askedUpTo[0] = most;
            return 0;
        });
        assertThat(askedUpTo[0]).isEqualTo(3);
    }

    @Test
    void jobFilesHaveTheirOwnQuota() {
        quotas.ensureRoomForJobFile("ada", most -> 1);
        assertThatThrownBy(() -> quotas.ensureRoomForJobFile("ada", most -> 2))
                .isInstanceOfSatisfying(ApiException.class, refusal -> assertThat(refusal.limit()).isEqualTo("job_files"));
    }

    @Test
    void theQueuedJobsRefusalIsA429ToRetry() {
        assertThat(quotas.queuedJobs("ada")).isEqualTo(1);
        ApiException refusal = quotas.queuedJobsReached();
        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.limit()).isEqualTo("queued_jobs");
        assertThat(refusal.headers()).containsKey("Retry-After");
    }

    @Test
    void theDevelopmentOwnerAndAZeroQuotaHaveNoLimit() {
        assertThat(quotas.roomForTodos("anonymous", most -> 1_000_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(quotas.queuedJobs("anonymous")).isZero();
        Quotas none = new Quotas(LimitSettings.none(), "anonymous");
        assertThat(none.roomForTodos("ada", most -> 1_000_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(none.queuedJobs("ada")).isZero();
    }
}
