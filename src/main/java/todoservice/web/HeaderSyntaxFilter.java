package todoservice.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the headers Jersey parses on its own before anything else reads them. Left to Jersey, a malformed
 * {@code Content-Type} or {@code Accept} is an empty 400 that skips the exception mappers, and an unknown charset
 * or a malformed {@code If-Match} is a 500; here each is a problem that says which header is wrong.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public final class HeaderSyntaxFilter implements ContainerRequestFilter {

    /** RFC 9110 section 8.8.3: {@code *}, or a list of entity tags such as {@code "3"} or {@code W/"3"}. */
    private static final Pattern ENTITY_TAGS = Pattern.compile(
            "\\*|(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"(\\s*,\\s*(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\")*");
    /** Bodies other than forms are read as UTF-8 whatever they say (RFC 8259 for JSON; imports decode UTF-8). */
    private static final Set<Charset> UTF_8_COMPATIBLE = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII);

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(MalformedContentTypeFilter.ATTRIBUTE) != null) {
            throw ApiException.badRequest("Content-Type is not a media type such as application/json.");
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            checkCharset(parse(contentType));
        }
        try {
            request.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Accept is not a list of media types such as application/json.");
        }
        for (String condition : new String[] {HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH}) {
            String value = request.getHeaderString(condition);
            if (value != null && !ENTITY_TAGS.matcher(value.strip()).matches()) {
                throw ApiException.badRequest(condition + " must be * or entity tags as the ETag header gives them,"
                        + " such as \"3\".");
            }
        }
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.valueOf(contentType);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Content-Type is not a media type such as application/json.");
        }
    }

    private static void checkCharset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return;
        }
        Charset charset;
        try {
            charset = Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalCharsetNameException e) {
            charset = null;
        }
        if (charset == null) {
            throw new ApiException(415, "The charset \"" + shortened(name) + "\" is not supported: send UTF-8.");
        }
        if (!type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE) && !UTF_8_COMPATIBLE.contains(charset)) {
            throw new ApiException(415, "Send " + type.getType() + "/" + type.getSubtype() + " bodies in UTF-8, not "
                    + charset.name() + ".");
        }
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
