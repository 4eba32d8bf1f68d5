package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A moment in a person's life: how far it is from a day, and how a reason says it. */
class LifeEventTest {

    @Test
    void lastYearsOccurrenceCountsEarlyInTheYear() {
        LifeEvent newYearsEve = new LifeEvent(LifeEvent.BIRTHDAY, LocalDate.of(1990, 12, 31), true);
        assertEquals(-2L, newYearsEve.daysUntil(LocalDate.of(2026, 1, 2), 0, 3));
        assertNull(newYearsEve.daysUntil(LocalDate.of(2026, 1, 2), 0, 1), "two days ago is outside a 1-day window");
    }

    @Test
    void nextYearsOccurrenceCountsLateInTheYear() {
        LifeEvent newYearsDay = new LifeEvent(LifeEvent.BIRTHDAY, LocalDate.of(1990, 1, 1), true);
        assertEquals(3L, newYearsDay.daysUntil(LocalDate.of(2026, 12, 29), 7, 0));
    }

    @Test
    void halfWayBetweenTwoOccurrencesTheComingOneIsNearest() {
        // 1 March 2027 and 1 March 2028 are 366 days apart: 31 August 2027 is 183 days from each
        LifeEvent wedding = new LifeEvent(LifeEvent.WEDDING, LocalDate.of(2010, 3, 1), true);
        assertEquals(183L, wedding.daysUntil(LocalDate.of(2027, 8, 31), 200, 200));
        assertEquals(-182L, wedding.daysUntil(LocalDate.of(2027, 8, 30), 200, 200));
        assertEquals(182L, wedding.daysUntil(LocalDate.of(2027, 9, 1), 200, 200));
    }

    @Test
    void theWindowsEdgesAreIncluded() {
        LifeEvent move = new LifeEvent(LifeEvent.MOVING_HOUSE, LocalDate.of(2026, 12, 15), false);
        assertEquals(21L, move.daysUntil(LocalDate.of(2026, 11, 24), 21, 3));
        assertNull(move.daysUntil(LocalDate.of(2026, 11, 23), 21, 3));
        assertEquals(-3L, move.daysUntil(LocalDate.of(2026, 12, 18), 21, 3));
        assertNull(move.daysUntil(LocalDate.of(2026, 12, 19), 21, 3));
    }

    @ParameterizedTest(name = "{0}, recurring {1}: {2}")
    @CsvSource({"birthday, true, Birthday", "child_birthday, true, Child's birthday", "wedding, true, Wedding anniversary",
        "wedding, false, Wedding", "birth, false, Birth", "baptism, false, Baptism", "moving_house, false, Moving house",
        "graduation, false, graduation"})
    void eachTypeHasItsLabel(String type, boolean recurring, String label) {
        assertEquals(label, new LifeEvent(type, LocalDate.of(2020, 6, 1), recurring).label());
    }

    @ParameterizedTest(name = "{0} days: \"{1}\"")
    @CsvSource({"0, Birth today", "1, Birth tomorrow", "-1, Birth yesterday", "2, Birth in 2 days", "-2, Birth 2 days ago",
        "30, Birth in 30 days"})
    void aReasonSaysWhenInWords(long days, String reason) {
        assertEquals(reason, new LifeEvent(LifeEvent.BIRTH, LocalDate.of(2027, 1, 1), false).describe(days));
    }
}
