package todoservice.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import todoservice.auth.Scope;
import todoservice.auth.TokenRecord;

/** The JSON bodies of {@code /accounts} and {@code /tokens}; times are epoch seconds, like the todos'. */
final class AccountJsons {

    private AccountJsons() {
    }

    record Registration(String login, String password) {
    }

    record TokenRequest(String login, String password, String name, List<String> scopes,
            @JsonProperty("expires_in_days") Integer expiresInDays) {
    }

    record SessionRequest(String login, String password) {
    }

    /**
     * A browser session: {@code account} as {@code GET /accounts/me} shows it (or {@link AnonymousOwnerJson}), and
     * the CSRF token its changes must carry; null when the request used no session cookie.
     */
    record SessionJson(Object account, @JsonProperty("csrf_token") String csrfToken) {
    }

    /** The development owner ({@code AUTH_ANONYMOUS}), which has no account. */
    record AnonymousOwnerJson(String id, String login, boolean anonymous) {
    }

    record PasswordChange(String password, @JsonProperty("new_password") String newPassword) {
    }

    record AccountJson(String id, String login, @JsonProperty("created_at") BigDecimal createdAt) {

        static AccountJson of(Account account) {
            return new AccountJson(account.id(), account.login(), seconds(account.createdAt()));
        }
    }

    /** {@code token} only in the answer that creates it: the server cannot show it again. */
    record TokenJson(String id, String name, List<String> scopes, @JsonProperty("created_at") BigDecimal createdAt,
            @JsonProperty("expires_at") BigDecimal expiresAt, @JsonProperty("last_used_at") BigDecimal lastUsedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

        static TokenJson of(TokenRecord record, String token) {
            return new TokenJson(record.id(), record.name(),
                    record.scopes().stream().map(Scope::wireName).sorted().toList(), seconds(record.createdAt()),
                    seconds(record.expiresAt()), record.lastUsedAt().map(AccountJsons::seconds).orElse(null), token);
        }
    }

    static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
