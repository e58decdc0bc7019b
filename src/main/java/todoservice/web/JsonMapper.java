package todoservice.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The one {@link ObjectMapper} of the service. Scalars are never coerced, so {@code {"content": 5}} or
 * {@code {"is_finished": "yes"}} is a 400, and an object where text belongs ({@code {"$gt": ""}}) cannot bind.
 * Unknown fields are refused too (a typo must not be ignored silently), except where a type opts out.
 */
public final class JsonMapper implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = create();

    public static ObjectMapper create() {
        Builder builder = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return builder.build();
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
