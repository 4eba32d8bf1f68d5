package dev.pertinence.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.pertinence.common.config.PertinenceConfig;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON bodies are read as written: a value of the wrong type is refused (400 naming the field)
 * instead of being converted. {@code {"from": false}} once merged a customer named "false", and
 * {@code "limit": 2.7} became 2. Text must be text a person could have typed (no NUL, no lone
 * surrogate: {@link CleanText}), and a body cannot make the parser build huge strings, numbers or
 * nestings ({@link PertinenceConfig.Json}). A body is one JSON value and nothing after it, an object
 * names each field once ({@code {"dryRun": true, "dryRun": false}} was a real decision: the last one
 * won), and a number is a finite number written as one ({@code "NaN"}, {@code "Infinity"} and
 * {@code 1e309} are refused, not read as a double they are not).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final PertinenceConfig.Json limits;

    public StrictJson(PertinenceConfig config) {
        this.limits = config.json();
    }

    @Override
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the only hook Quarkus offers before first use
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .build());
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // a time with an offset stays in it: a decision's context.time is the caller's local time (its hour, weekday
        // and season feed rules), and read into UTC, 18:45+01:00 was hour 17; an instant is the same either way
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean); // 3 is a number: a decimal field takes it
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.EmptyString);
        mapper.registerModule(new SimpleModule("clean-text")
                .addDeserializer(String.class, new CleanText())
                .addKeyDeserializer(String.class, new CleanText.Keys())
                .addDeserializer(Double.class, new FiniteDouble(Double.class))
                .addDeserializer(Double.TYPE, new FiniteDouble(Double.TYPE))
                .setDeserializerModifier(new TimeAsText()));
    }

    /** A JSON number whose value is finite: no "NaN", "Infinity" nor a literal beyond a double's range. */
    static final class FiniteDouble extends StdScalarDeserializer<Double> {

        FiniteDouble(Class<?> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = parser.getDoubleValue();
                if (Double.isFinite(value)) {
                    return value;
                }
            }
            return (Double) context.handleUnexpectedToken(Double.class, parser);
        }

        @Override
        public Double getNullValue(DeserializationContext context) throws JsonMappingException {
            if (handledType() == Double.TYPE) {
                return context.reportInputMismatch(this, "null for a number");
            }
            return null;
        }
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
