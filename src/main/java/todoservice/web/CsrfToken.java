package todoservice.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The CSRF token of a browser session, derived from the session's API token: base64url of SHA-256 over a fixed label
 * and the token. Stateless (every node computes the same one, nothing is stored), and one-way, so the page's
 * JavaScript, which holds it, learns nothing of the token in the HttpOnly cookie. The label keeps it apart from the
 * token's stored hash (the hex SHA-256 of the token alone).
 */
public final class CsrfToken {

    private static final byte[] LABEL = "todoservice session csrf v1\0".getBytes(StandardCharsets.UTF_8);

    private CsrfToken() {
    }

    public static String of(String sessionToken) {
        MessageDigest sha256 = sha256();
        sha256.update(LABEL);
        sha256.update(sessionToken.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /** Whether {@code given} (the request's header, null when absent) is the session's CSRF token; constant time. */
    public static boolean matches(String sessionToken, String given) {
        return given != null && MessageDigest.isEqual(of(sessionToken).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Not ops.Sha256: web/ imports no other package of ours (ops imports web). */
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
