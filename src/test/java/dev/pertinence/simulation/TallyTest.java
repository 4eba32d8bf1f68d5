package dev.pertinence.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.ContactCaps;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DroppedOffer;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.RankedOffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the figures of a simulation add up to, worked by hand on a few people and two placements. */
class TallyTest {

    private static final List<SimulationSettings.Target> TWO = List.of(new SimulationSettings.Target("web", "home"),
            new SimulationSettings.Target("app", "*"));
    private static final List<String> CANDIDATES = List.of("a", "b", "c");

    private static Decision proposing(String... ids) {
        List<RankedOffer> offers = new ArrayList<>();
        for (String id : ids) {
            CandidateOffer offer = new CandidateOffer(id, id, "M", null, Set.of(), Set.of(), null, null, 1, 1, EligibilityRule.ALWAYS);
            offers.add(new RankedOffer(offer, offers.size() + 1, 1, 1, 0, 0, 1, 1, 1, List.of()));
        }
        return new Decision(List.copyOf(offers), List.of(), 0, List.of(), new ContactCaps(null, null));
    }

    private static Decision dropping(DroppedOffer.Reason... reasons) {
        List<DroppedOffer> dropped = new ArrayList<>();
        for (DroppedOffer.Reason reason : reasons) {
            dropped.add(new DroppedOffer("a", reason, "", 1));
        }
        return new Decision(List.of(), List.copyOf(dropped), dropped.size(), List.of(), new ContactCaps(null, null));
    }

    private static Tally.Decided decided(Decision decision, Set<String> eligible, String whyNothing, String currentTop) {
        return new Tally.Decided(decision, CANDIDATES, eligible, whyNothing, currentTop, List.of());
    }

    @Test
    void peopleOffersRanksEligibleAudiencesAndNothingAddUp() {
        Tally tally = new Tally(TWO, 2, false);
        // p1: a then b on the web, nothing in the app (rules and caps left everything out)
        tally.add(List.of(decided(proposing("a", "b"), Set.of("a", "b", "c"), null, null),
                decided(dropping(DroppedOffer.Reason.RULE_NOT_MET, DroppedOffer.Reason.CAPPED, DroppedOffer.Reason.RULE_NOT_MET),
                        Set.of("b"), null, null)));
        // p2: b on the web; nothing in the app: no consent
        tally.add(List.of(decided(proposing("b"), Set.of("b"), null, null),
                decided(proposing().withdrawn("no consent"), Set.of(), "no_offers_consent", null)));
        // p3: nothing anywhere
        tally.add(List.of(decided(dropping(DroppedOffer.Reason.RULE_NOT_MET), Set.of(), null, null),
                decided(proposing(), Set.of(), "no_offers_consent", null)));
        SimulationResult result = tally.result(10, List.of(), 5);

        assertEquals(3, result.people());
        assertEquals(10, result.population());
        assertEquals(1, result.nothing().people(), "only p3 gets nothing on every placement");
        assertEquals(Map.of("rule_not_met", 1L, "no_offers_consent", 1L), result.nothing().reasons());
        SimulationResult.PlacementFigures web = result.placements().get(0);
        assertEquals(List.of("b", "a", "c"), web.offers().stream().map(SimulationResult.OfferFigures::offerId).toList(),
                "most proposed first, then the widest audience");
        assertEquals(new SimulationResult.OfferFigures("b", 2, 2, List.of(1L, 1L)), web.offers().get(0));
        assertEquals(new SimulationResult.OfferFigures("a", 1, 1, List.of(1L, 0L)), web.offers().get(1));
        assertEquals(new SimulationResult.OfferFigures("c", 1, 0, List.of(0L, 0L)), web.offers().get(2));
        assertEquals(1, web.nothing().people());
        SimulationResult.PlacementFigures app = result.placements().get(1);
        assertEquals(3, app.nothing().people());
        assertEquals(1.0, app.nothing().share());
        assertEquals(Map.of("capped", 1L, "no_offers_consent", 2L, "rule_not_met", 1L), app.nothing().reasons(),
                "a person once per reason; a whole-decision reason alone");
        assertEquals(Map.of("a", 1L, "b", 2L), tally.proposals());
        assertEquals(Set.of("a", "b", "c"), tally.reached());
        assertNull(result.difference());
        assertThrows(IllegalArgumentException.class, () -> tally.add(List.of(decided(proposing(), Set.of(), null, null))));
    }

    @Test
    void theDifferenceCountsPeopleOnceAndTheTenMostFrequentTransitions() {
        Tally tally = new Tally(TWO, 1, true);
        // changed on both placements: one person, two transitions
        tally.add(List.of(decided(proposing("b"), Set.of("b"), null, "a"), decided(proposing("b"), Set.of("b"), null, "a")));
        // unchanged
        tally.add(List.of(decided(proposing("a"), Set.of("a"), null, "a"), decided(proposing(), Set.of(), "no_candidates", null)));
        // the draft gives nothing where the current strategy gave c
        tally.add(List.of(decided(proposing(), Set.of(), "no_offers_consent", "c"), decided(proposing("a"), Set.of("a"), null, "a")));
        for (int i = 0; i < 12; i++) { // twelve rarer transitions, only the first of them by name make the ten
            tally.add(List.of(decided(proposing("x" + (char) ('a' + i)), Set.of(), null, "a"), decided(proposing("a"), Set.of(), null, "a")));
        }
        SimulationResult.Difference difference = tally.result(15, List.of(), 1).difference();
        assertEquals(15, difference.people());
        assertEquals(14, difference.changed());
        assertEquals(14 / 15.0, difference.share(), 1e-12);
        assertEquals(10, difference.transitions().size());
        assertEquals(new SimulationResult.Transition("a", "b", 2), difference.transitions().get(0));
        assertEquals(new SimulationResult.Transition("a", "xa", 1), difference.transitions().get(1));
        assertEquals(new SimulationResult.Transition("a", "xi", 1), difference.transitions().get(9));
        assertEquals(0, difference.transitions().stream().filter(t -> "c".equals(t.from())).count(),
                "ties by from, then to: a → x… come before c → nothing, which the ten leave out");
    }
}
