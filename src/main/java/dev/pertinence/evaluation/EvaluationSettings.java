package dev.pertinence.evaluation;

import dev.pertinence.decision.ScoringPolicy;
import java.time.Instant;
import java.util.Map;

/**
 * What an evaluation replays, resolved (the cut and the window are instants, every default
 * applied): stored with the job, so its result can always be read with what produced it.
 *
 * @param mode         time split (customers, as of a cut) or basket completion (held-out baskets)
 * @param k            offers scored per case (the top k of each decision)
 * @param channel      the channel decisions are made for (its offers, its consent)
 * @param placement    the placement decisions are made for
 * @param candidates   the catalogue's offers for the channel and placement, or one neutral offer per product
 * @param cutAt        time split: the model and histories use purchases before it, what was bought after is the answer;
 *                     null for basket completion
 * @param from         the oldest purchase read (training data and histories)
 * @param until        the end of what is read (time split: of the answers)
 * @param segment      time split: only customers in this segment; null for all
 * @param sample       most cases replayed (a seeded sample when there are more)
 * @param seed         seeds the sample, the held-out split and the hidden items: the same seed replays the same cases
 * @param heldOutShare basket completion: the share of baskets held out of the model and replayed
 * @param draft        a strategy not switched on yet, evaluated instead of the current one (which is then scored
 *                     beside it); null: the current one
 */
public record EvaluationSettings(Mode mode, int k, String channel, String placement, Candidates candidates, Instant cutAt,
                                 Instant from, Instant until, String segment, int sample, long seed, double heldOutShare,
                                 Draft draft) {

    /**
     * What a draft changes: levers by offer id (a lever set, as an experiment arm's) and scoring
     * settings; a null setting keeps the current one.
     */
    public record Draft(Map<String, Double> levers, Double recencyHalfLifeDays, Double popularityWeight,
                        Double basePropensity, Double inMarketBoost, Integer evidenceItems) {

        public Draft {
            levers = levers == null ? Map.of() : Map.copyOf(levers);
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

    public enum Mode {
        TIME_SPLIT, BASKET_COMPLETION
    }

    public enum Candidates {
        OFFERS, PRODUCTS
    }
}
