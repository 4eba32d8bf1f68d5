package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifeEventTargetTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final LifeEventTarget CHILD_BIRTHDAY = new LifeEventTarget(LifeEvent.CHILD_BIRTHDAY, 21, 3);

    @Test
    void aRecurringEventIsInItsWindowEveryYear() {
        LifeEvent born = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2019, 12, 6), true);
        assertEquals("Child's birthday in 12 days", CHILD_BIRTHDAY.match(List.of(born), TODAY));
        assertEquals("Child's birthday today", CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2026, 12, 6)));
        assertEquals("Child's birthday tomorrow", CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2026, 12, 5)));
        assertEquals("Child's birthday 3 days ago", CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2026, 12, 9)));
        assertNull(CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2026, 12, 10)), "4 days after: over");
        assertNull(CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2026, 11, 14)), "22 days before: not yet");
        assertEquals("Child's birthday in 21 days", CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2026, 11, 15)));
    }

    @Test
    void theWindowCrossesTheNewYear() {
        LifeEvent born = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2020, 1, 5), true);
        assertEquals("Child's birthday in 10 days", CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2025, 12, 26)));
        assertEquals("Child's birthday 2 days ago", CHILD_BIRTHDAY.match(List.of(born), LocalDate.of(2026, 1, 7)));
    }

    @Test
    void aOneOffEventHappensOnceAndNothingBeforeTheFirstOccurrence() {
        LifeEventTarget move = new LifeEventTarget(LifeEvent.MOVING_HOUSE, 30, 60);
        LifeEvent moving = new LifeEvent(LifeEvent.MOVING_HOUSE, LocalDate.of(2026, 12, 15), false);
        assertEquals("Moving house in 21 days", move.match(List.of(moving), TODAY));
        assertNull(move.match(List.of(moving), LocalDate.of(2027, 12, 10)), "not again next year");
        LifeEvent unborn = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2026, 12, 20), true);
        assertEquals("Child's birthday in 12 days", CHILD_BIRTHDAY.match(List.of(unborn), LocalDate.of(2026, 12, 8)));
        assertNull(CHILD_BIRTHDAY.match(List.of(unborn), LocalDate.of(2025, 12, 10)), "no birthday before the birth");
    }

    @Test
    void theTwentyNinthOfFebruaryFallsOnTheTwentyEighthAndTheNearestChildCounts() {
        LifeEvent leap = new LifeEvent(LifeEvent.BIRTHDAY, LocalDate.of(2000, 2, 29), true);
        assertEquals("Birthday today", new LifeEventTarget(LifeEvent.BIRTHDAY, 7, 0).match(List.of(leap), LocalDate.of(2027, 2, 28)));
        LifeEvent older = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2015, 12, 14), true);
        LifeEvent younger = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2021, 11, 30), true);
        assertEquals("Child's birthday in 6 days", CHILD_BIRTHDAY.match(List.of(older, younger), TODAY));
        assertNull(CHILD_BIRTHDAY.match(List.of(new LifeEvent(LifeEvent.WEDDING, LocalDate.of(2010, 11, 30), true)), TODAY),
                "another type");
    }

    @Test
    void explainSaysWhatWasMissing() {
        assertEquals("no child's birthday from 21 days before to 3 days after today", CHILD_BIRTHDAY.missing());
    }

    @Test
    void ofTwoEventsEquallyNearTheComingOneIsSaidWhicheverIsListedFirst() {
        LifeEvent threeDaysAgo = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2018, 11, 21), true);
        LifeEvent inThreeDays = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2021, 11, 27), true);
        assertEquals("Child's birthday in 3 days", CHILD_BIRTHDAY.match(List.of(threeDaysAgo, inThreeDays), TODAY));
        assertEquals("Child's birthday in 3 days", CHILD_BIRTHDAY.match(List.of(inThreeDays, threeDaysAgo), TODAY));
        assertEquals("Child's birthday 3 days ago", CHILD_BIRTHDAY.match(List.of(threeDaysAgo), TODAY));
    }
}
