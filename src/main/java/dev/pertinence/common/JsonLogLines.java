package dev.pertinence.common;

import dev.pertinence.common.config.PertinenceConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Production logs: one JSON object a line on the console, for a log collector. Fields: time,
 * level, logger, thread, message (masked like every line, see MaskIdentifiers), the MDC (the
 * {@code decisionId} of the request being served, among others) and the exception with its
 * stack trace. Installed at start-up when {@code pertinence.log.json} is true (the production
 * profile); start-up lines before it are plain text. Quarkus' JSON logging extension is not
 * available for this Quarkus version from the registries reachable here, hence this formatter.
 */
@ApplicationScoped
public class JsonLogLines {

    private final boolean enabled;

    public JsonLogLines(PertinenceConfig config) {
        this.enabled = config.log().json();
    }

    void install(@Observes StartupEvent event) {
        if (enabled) {
            install(LogContext.getLogContext().getLogger("").getHandlers());
        }
    }

    private static void install(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                console.setFormatter(new Formatter());
            }
            if (handler instanceof org.jboss.logmanager.ExtHandler parent) {
                install(parent.getHandlers());
            }
        }
    }

    public static final class Formatter extends ExtFormatter {

        @Override
        public String format(ExtLogRecord record) {
            StringBuilder line = new StringBuilder(256).append('{');
            field(line, "time", Instant.ofEpochMilli(record.getMillis()).toString());
            line.append(',');
            field(line, "level", record.getLevel().getName());
            line.append(',');
            field(line, "logger", record.getLoggerName());
            line.append(',');
            field(line, "thread", record.getThreadName());
            line.append(',');
            field(line, "message", formatMessage(record));
            Map<String, String> mdc = new TreeMap<>(record.getMdcCopy());
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                line.append(',');
                field(line, entry.getKey(), entry.getValue());
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(',');
                field(line, "exception", trace.toString());
            }
            return line.append("}\n").toString();
        }

        private static void field(StringBuilder line, String name, String value) {
            quoted(line, name);
            line.append(':');
            if (value == null) {
                line.append("null");
            } else {
                quoted(line, value);
            }
        }

        static void quoted(StringBuilder line, String text) {
            line.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> line.append("\\\"");
                    case '\\' -> line.append("\\\\");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    case '\t' -> line.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            line.append(String.format("\\u%04x", (int) c));
                        } else {
                            line.append(c);
                        }
                    }
                }
            }
            line.append('"');
        }
    }
}
