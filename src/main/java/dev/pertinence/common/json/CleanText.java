package dev.pertinence.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * Every string of every JSON body, read once here rather than checked per resource. Only a JSON
 * string is text (a number or a boolean is refused, not converted). A NUL character cannot be
 * stored by PostgreSQL, and a lone UTF-16 surrogate ({@code "a\ud800b"}) is no character at all
 * (it came back as {@code a?b}): both are refused before any SQL, naming the field.
 */
public final class CleanText extends StdScalarDeserializer<String> {

    CleanText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        return checked(parser.getText(), parser);
    }

    /** Map keys are text the caller wrote too. */
    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser());
        }
    }

    static String checked(String text, JsonParser parser) throws RefusedText {
        String fault = fault(text);
        if (fault != null) {
            throw new RefusedText(parser, fault);
        }
        return text;
    }

    /** What is wrong with this text, in the caller's terms; null when nothing is. */
    public static String fault(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character beyond the BMP (an emoji)
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + "): not a character";
            }
        }
        return null;
    }

    /** Text the service refuses; its message is for the caller as it stands. */
    public static final class RefusedText extends MismatchedInputException {
        RefusedText(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }
}
