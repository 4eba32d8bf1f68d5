package dev.pertinence.common.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.pertinence.common.config.PertinenceConfig;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON bodies are read as written: a value of the wrong type is refused (400 naming the field)
 * instead of being converted. {@code {"from": false}} once merged a customer named "false", and
 * {@code "limit": 2.7} became 2. Text must be text a person could have typed (no NUL, no lone
 * surrogate: {@link CleanText}), and a body cannot make the parser build huge strings, numbers or
 * nestings ({@link PertinenceConfig.Json}).
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
                .setDeserializerModifier(new TimeAsText()));
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
