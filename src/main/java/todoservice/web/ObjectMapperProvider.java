package todoservice.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The one {@link ObjectMapper} of the service. Scalars are never coerced, so {@code {"content": 5}} or
 * {@code {"is_finished": "yes"}} is a 400, and an object where text belongs ({@code {"$gt": ""}}) cannot bind.
 * Unknown fields are refused too (a typo must not be ignored silently), except where a type opts out, and so is a
 * field given twice (which copy would win is the parser's whim, and the importer refuses it too).
 */
public final class ObjectMapperProvider implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = create();

    public static ObjectMapper create() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                // Emoji as raw UTF-8, like every other character, not as \\uD83D\\uDCDD escapes.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        // ALLOW_COERCION_OF_SCALARS does not cover text targets: refuse numbers and booleans there explicitly.
        builder.withCoercionConfig(LogicalType.Textual, textual -> textual
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        return builder.build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
