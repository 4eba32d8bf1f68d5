package dev.pertinence.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartupGraceTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final StartupGrace grace = new StartupGrace(Duration.ofSeconds(60), Duration.ofSeconds(1), now::get);

    @Test
    void duringTheGraceABudgetIsAtLeastTheGraceBudget() {
        assertEquals(Duration.ofSeconds(1), grace.budget(Duration.ofMillis(250)));
        assertEquals(Duration.ofSeconds(3), grace.budget(Duration.ofSeconds(3)), "a longer budget is kept");
        now.addAndGet(Duration.ofSeconds(60).toNanos() - 1);
        assertEquals(Duration.ofSeconds(1), grace.budget(Duration.ofMillis(250)), "the last nanosecond of the grace");
    }

    @Test
    void afterTheGraceBudgetsAreAsConfigured() {
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals(Duration.ofMillis(250), grace.budget(Duration.ofMillis(250)));
        StartupGrace none = new StartupGrace(Duration.ZERO, Duration.ofSeconds(1), now::get);
        assertEquals(Duration.ofMillis(250), none.budget(Duration.ofMillis(250)));
    }
}
