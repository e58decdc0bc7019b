package todoservice.auth;

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
        // Read on every authenticated request: index arithmetic, one substring, no lower-casing copy.
        int start = 0;
        int end = authorization.length();
        while (start < end && Character.isWhitespace(authorization.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(authorization.charAt(end - 1))) {
            end--;
        }
        int space = authorization.indexOf(' ', start);
        if (space < 0 || space >= end || space - start != SCHEME.length()
                || !authorization.regionMatches(true, start, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        int credentials = space + 1;
        while (credentials < end && Character.isWhitespace(authorization.charAt(credentials))) {
            credentials++;
        }
        return credentials == end ? Optional.empty() : Optional.of(authorization.substring(credentials, end));
    }
}
