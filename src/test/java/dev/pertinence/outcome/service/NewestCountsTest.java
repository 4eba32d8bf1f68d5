package dev.pertinence.outcome.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.decision.LearnedResponses.Counts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two outcomes counted at once answer with the counters after each; whichever arrives last, the counts held only grow. */
class NewestCountsTest {

    @Test
    void anOlderAnswerArrivingLastDoesNotUndoANewerOne() {
        Map<String, Counts> newer = Map.of("anonymous", new Counts(25, 25));
        Map<String, Counts> older = Map.of("anonymous", new Counts(25, 24));
        assertEquals(newer, LiveResponses.newest(newer, older));
        assertEquals(newer, LiveResponses.newest(older, newer));
    }

    @Test
    void eachCountAndEachSegmentIsTheLargerSeen() {
        Map<String, Counts> held = Map.of("gold", new Counts(10, 2), "silver", new Counts(4, 1));
        Map<String, Counts> arrived = Map.of("gold", new Counts(9, 3), "new", new Counts(1, 0));
        assertEquals(Map.of("gold", new Counts(10, 3), "silver", new Counts(4, 1), "new", new Counts(1, 0)),
                LiveResponses.newest(held, arrived));
    }

    @Test
    void countersGoneFromRedisReplaceWhatIsHeldAndTheFirstAreTakenAsTheyCome() {
        assertEquals(Map.of(), LiveResponses.newest(Map.of("gold", new Counts(3, 1)), Map.of()));
        assertEquals(Map.of("gold", new Counts(3, 1)), LiveResponses.newest(Map.of(), Map.of("gold", new Counts(3, 1))));
    }
}
