package dev.pertinence.simulation;

import dev.pertinence.decision.ScoringPolicy;
import java.util.List;
import java.util.Map;

/**
 * A strategy not switched on yet, simulated instead of the current one: what it changes. The
 * evaluations' draft (levers by offer id, scoring settings; a null setting keeps the current one),
 * plus rules replacing offers' eligibility rules (an empty text: no rule) and offers left out.
 */
public record SimulationDraft(Map<String, Double> levers, Double recencyHalfLifeDays, Double popularityWeight,
                              Double basePropensity, Double inMarketBoost, Integer evidenceItems, Map<String, String> rules,
                              List<String> withoutOffers) {

    public SimulationDraft {
        levers = levers == null ? Map.of() : Map.copyOf(levers);
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        withoutOffers = withoutOffers == null ? List.of() : List.copyOf(withoutOffers);
    }

    /** The current scoring settings with this draft's in place of theirs. */
    public ScoringPolicy over(ScoringPolicy current) {
        return new ScoringPolicy(
                recencyHalfLifeDays == null ? current.recencyHalfLifeDays() : recencyHalfLifeDays,
                popularityWeight == null ? current.popularityWeight() : popularityWeight,
                basePropensity == null ? current.basePropensity() : basePropensity,
                inMarketBoost == null ? current.inMarketBoost() : inMarketBoost,
                evidenceItems == null ? current.evidenceItems() : evidenceItems,
                current.maxDroppedListed(), current.priorAccepts(), current.priorDeclines());
    }
}
