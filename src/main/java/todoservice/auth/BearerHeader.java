package todoservice.auth;

import java.util.Locale;
import java.util.Optional;

/** RFC 6750 section 2.1: {@code Authorization: Bearer <token>}, the scheme's name in any case. */
final class BearerHeader {

    private static final String SCHEME = "bearer";

    private BearerHeader() {
    }

    /**
     * The credentials of a Bearer header (empty when the header uses another scheme or carries none); no check of
     * the token's shape here.
     */
    static Optional<String> credentials(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        String credentials = header.substring(space + 1).strip();
        return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
    }
}
