package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A decision's copy of the learned responses: whatever is learnt meanwhile, it reads one consistent set. */
class FrozenResponsesTest {

    /** Learned responses that change while a decision runs. */
    private static final class Live implements LearnedResponses {
        final Map<String, Counts> counts = new HashMap<>();
        final Map<Long, String> changes = new LinkedHashMap<>();
        long version;
        int reads;

        void learn(String offerId, String segment, Counts now) {
            counts.put(offerId + "|" + segment, now);
            changes.put(++version, offerId);
        }

        @Override
        public Counts counts(String offerId, String segment) {
            reads++;
            return counts.getOrDefault(offerId + "|" + segment, Counts.NONE);
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public Set<String> changedSince(long since) {
            if (version - since > 2) {
                return null; // too many to list
            }
            Set<String> changed = new java.util.HashSet<>();
            changes.forEach((v, offer) -> {
                if (v > since) {
                    changed.add(offer);
                }
            });
            return changed;
        }
    }

    @Test
    void countsReadOnceStayWhatTheyWereAndTheVersionAndChangesAreThoseOfTheMomentItWasFrozen() {
        Live live = new Live();
        live.learn("o1", "gold", new LearnedResponses.Counts(10, 2));
        long prepared = live.version();
        live.learn("o2", "gold", new LearnedResponses.Counts(5, 1));
        LearnedResponses frozen = live.frozen(prepared);

        assertEquals(new LearnedResponses.Counts(10, 2), frozen.counts("o1", "gold"));
        live.learn("o1", "gold", new LearnedResponses.Counts(11, 3));
        live.learn("o3", "gold", new LearnedResponses.Counts(1, 1));

        assertEquals(new LearnedResponses.Counts(10, 2), frozen.counts("o1", "gold"), "read once, then the same");
        assertEquals(new LearnedResponses.Counts(11, 3), live.counts("o1", "gold"));
        assertEquals(2, frozen.version());
        assertEquals(Set.of("o2"), frozen.changedSince(prepared), "the changes as they were when frozen");
        assertNull(frozen.changedSince(0), "any other version asks the live responses");
    }

    @Test
    void eachOfferAndSegmentIsReadFromTheLiveResponsesOnce() {
        Live live = new Live();
        live.learn("o1", "gold", new LearnedResponses.Counts(10, 2));
        LearnedResponses frozen = live.frozen(live.version());
        int before = live.reads;
        frozen.counts("o1", "gold");
        frozen.counts("o1", "gold");
        frozen.counts("o1", "silver");
        frozen.counts("o2", "gold");
        assertEquals(3, live.reads - before);
        assertEquals(LearnedResponses.Counts.NONE, frozen.counts("o1", "silver"));
    }
}
