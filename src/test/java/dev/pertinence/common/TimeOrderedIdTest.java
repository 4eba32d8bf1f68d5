package dev.pertinence.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recorded decisions carry their time; a dry run's id carries none, so no one waits for it to be recorded. */
class TimeOrderedIdTest {

    @Test
    void aTimeOrderedIdTellsWhenItWasMade() {
        Instant at = Instant.parse("2026-11-30T02:30:00.123Z");
        UUID id = TimeOrderedId.at(at);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(Optional.of(at), TimeOrderedId.timeOf(id));
    }

    @Test
    void anUntimedIdIsARandomOneWithNoTimeInIt() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = TimeOrderedId.untimed();
            assertEquals(4, id.version(), id.toString());
            assertEquals(2, id.variant(), id.toString());
            assertTrue(TimeOrderedId.timeOf(id).isEmpty(), id.toString());
            assertEquals(id, UUID.fromString(id.toString()));
        }
        assertNotEquals(TimeOrderedId.untimed(), TimeOrderedId.untimed());
    }
}
