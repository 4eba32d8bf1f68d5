package dev.pertinence.common.security;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Masks personal identifiers in every log line (quarkus.log.console.filter): identifier
 * references ({@code email:jane@example.com}), bare email addresses and international phone
 * numbers keep their first character and last two ({@code email:j*************om}). Customer
 * ids are pseudonymous keys and stay readable for support. Exception stack traces are not
 * rewritten: the service's own messages never put an identifier in one.
 */
@LoggingFilter(name = "mask-identifiers")
public final class MaskIdentifiers implements Filter {

    private static final Pattern PERSONAL = Pattern.compile(
            "(?<prefix>\\b(?:email|phone|loyalty|device|cookie|crm):)(?<value>[^\\s'\",;)]+)"
                    + "|(?<email>[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)"
                    + "|(?<phone>\\+\\d{8,15})",
            Pattern.CASE_INSENSITIVE);

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext && ext.getMessage() != null) {
            String formatted = ext.getFormattedMessage();
            String masked = mask(formatted);
            if (!masked.equals(formatted)) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        return true;
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PERSONAL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String replacement = matcher.group("prefix") != null ? matcher.group("prefix") + hide(matcher.group("value"))
                    : hide(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    private static String hide(String value) {
        if (value.length() <= 3) {
            return "***";
        }
        return value.charAt(0) + "*".repeat(value.length() - 3) + value.substring(value.length() - 2);
    }
}
