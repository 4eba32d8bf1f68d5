package dev.pertinence.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.Test;

class JsonLogLinesTest {

    @Test
    void aLineIsOneJsonObjectWithTheMdcAndTheStackTrace() throws Exception {
        MDC.put("decisionId", "01a20da9-820b-72ea-84dd-23ecd955cc23");
        try {
            ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Quote \" backslash \\ newline \n tab \t bell \u0007",
                    ExtLogRecord.FormatStyle.NO_FORMAT, JsonLogLinesTest.class.getName());
            record.setLoggerName("dev.pertinence.test");
            record.setThrown(new IllegalStateException("broken"));
            record.copyMdc();
            String line = new JsonLogLines.Formatter().format(record);
            assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
            JsonNode json = new ObjectMapper().readTree(line);
            assertEquals("WARNING", json.get("level").asText());
            assertEquals("dev.pertinence.test", json.get("logger").asText());
            assertEquals("Quote \" backslash \\ newline \n tab \t bell \u0007", json.get("message").asText());
            assertEquals("01a20da9-820b-72ea-84dd-23ecd955cc23", json.get("decisionId").asText());
            assertTrue(json.get("exception").asText().startsWith("java.lang.IllegalStateException: broken\n\tat "));
        } finally {
            MDC.remove("decisionId");
        }
    }
}
