package dev.pertinence.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.pertinence.common.json.CleanText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A body Jackson could not read, told in the caller's terms: which field (as a path into the
 * body, e.g. {@code offers[2].rule}) and what it must be ("must be a string"), never a Java type
 * name nor Jackson's own wording.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static Problem of(JsonProcessingException exception) {
        StreamConstraintsException limit = find(exception, StreamConstraintsException.class);
        if (limit != null) {
            return Problem.of(400, "Malformed JSON", "The body is beyond what the service reads: " + limitBroken(limit), null);
        }
        JsonParseException syntax = find(exception, JsonParseException.class);
        if (syntax != null) {
            String field = fieldOf(exception);
            return Problem.of(400, "Malformed JSON", "The body is not valid JSON: " + withoutParserTerms(firstLine(syntax.getOriginalMessage()))
                    + (field == null ? "" : " (in " + field + ")"), field);
        }
        if (String.valueOf(exception.getOriginalMessage()).startsWith("Trailing token")) {
            return Problem.of(400, "Malformed JSON", "The body is not valid JSON: something follows its value", null);
        }
        String field = fieldOf(exception);
        String detail = whatIsWrong(exception);
        return Problem.of(400, "Invalid request", field == null ? detail : field + ": " + detail, field);
    }

    /**
     * Jackson's syntax messages with what names its own settings and input taken out: "Non-standard token 'NaN':
     * enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow" -> "Non-standard token 'NaN'".
     */
    static String withoutParserTerms(String message) {
        return message.replaceAll(":?\\s*enable `[^`]*` to allow", "")
                .replaceAll("\\s*\\[Source:.*$", "")
                .replaceAll("\\s*\\(for `[^`]*`\\)", "")
                .replace("`", "'")
                .trim();
    }

    private static String whatIsWrong(JsonProcessingException exception) {
        CleanText.RefusedText text = find(exception, CleanText.RefusedText.class);
        if (text != null) {
            return text.getOriginalMessage();
        }
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + LogSafe.value(unknown.getPropertyName()) + "'";
        }
        InputCoercionException range = find(exception, InputCoercionException.class);
        if (range != null) {
            return "out of range: must be " + expected(range.getTargetType());
        }
        MismatchedInputException mismatch = find(exception, MismatchedInputException.class);
        if (mismatch != null && mismatch.getTargetType() != null) {
            if (mismatch instanceof InvalidFormatException format && format.getValue() instanceof String value) {
                return "'" + LogSafe.value(value) + "' is not " + expected(format.getTargetType());
            }
            return "must be " + expected(mismatch.getTargetType());
        }
        return "a value of the wrong type or shape";
    }

    /** What a value of this type looks like in JSON. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class || type == short.class || type == Short.class
                || type == byte.class || type == Byte.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date (e.g. 2026-03-01)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time with offset (e.g. 2026-03-01T10:15:30Z)";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration (e.g. P14D)";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "an object" : "a value of another type";
    }

    private static String limitBroken(StreamConstraintsException limit) {
        String message = String.valueOf(limit.getOriginalMessage());
        // Jackson's words name its own classes; the figures are the part worth keeping
        if (message.contains("nesting depth")) {
            return "objects and arrays nest too deeply (" + figures(message) + ")";
        }
        if (message.contains("String value length")) {
            return "a string is too long (" + figures(message) + " characters)";
        }
        if (message.contains("Number value length")) {
            return "a number has too many digits (" + figures(message) + ")";
        }
        return "a value is too large";
    }

    /** "Document nesting depth (33) exceeds the maximum allowed (32, from ...)" -> "33, at most 32". */
    private static String figures(String message) {
        List<String> numbers = Arrays.stream(message.split("[^0-9]+")).filter(s -> !s.isEmpty()).toList();
        return numbers.size() >= 2 ? numbers.get(0) + ", at most " + numbers.get(1) : "over the limit";
    }

    /** The path Jackson kept while binding, or where the parser stood when it gave up; null at the top. */
    static String fieldOf(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return emptyToNull(pathOf(mapping.getPath()));
        }
        StreamReadException reading = find(exception, StreamReadException.class);
        if (reading != null && reading.getProcessor() != null) {
            return emptyToNull(pathOf(reading.getProcessor().getParsingContext()));
        }
        return null;
    }

    static String pathOf(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String pathOf(JsonStreamContext context) {
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                steps.add("[" + Math.max(0, at.getCurrentIndex()) + "]");
            } else if (at.getCurrentName() != null) {
                steps.add(at.getCurrentName());
            }
        }
        Collections.reverse(steps);
        StringBuilder field = new StringBuilder();
        for (String step : steps) {
            if (!field.isEmpty() && !step.startsWith("[")) {
                field.append('.');
            }
            field.append(step);
        }
        return field.toString();
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> {
                    try {
                        var annotation = type.getField(((Enum<?>) constant).name())
                                .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                        return annotation != null ? annotation.value() : ((Enum<?>) constant).name();
                    } catch (NoSuchFieldException e) {
                        return ((Enum<?>) constant).name();
                    }
                })
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        return type.cast(Causes.first(failure, type::isInstance));
    }

    private static String firstLine(String message) {
        return LogSafe.value(message == null ? "unreadable body" : message.split("\n")[0]);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
