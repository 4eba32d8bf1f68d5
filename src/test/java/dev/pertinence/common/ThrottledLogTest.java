package dev.pertinence.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    @Test
    void reportsTheFirstFailureThenCountsTheRestUntilTheIntervalPasses() throws InterruptedException {
        String category = "throttled-log-test";
        List<String> lines = new ArrayList<>();
        java.util.logging.Logger julLogger = java.util.logging.Logger.getLogger(category);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage() == null ? "" : String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        julLogger.addHandler(handler);
        try {
            ThrottledLog log = new ThrottledLog(Logger.getLogger(category), Duration.ofMillis(200));
            for (int i = 0; i < 100; i++) {
                log.warn("Decision without profile", new IllegalStateException("down"));
            }
            Thread.sleep(250);
            log.warn("Decision without profile", new IllegalStateException("down"));
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(1).contains("99 more since the last report"), lines.get(1));
        } finally {
            julLogger.removeHandler(handler);
        }
    }
}
