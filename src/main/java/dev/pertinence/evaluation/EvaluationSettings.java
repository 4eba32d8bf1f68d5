package dev.pertinence.evaluation;

import java.time.Instant;

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
 */
public record EvaluationSettings(Mode mode, int k, String channel, String placement, Candidates candidates, Instant cutAt,
                                 Instant from, Instant until, String segment, int sample, long seed, double heldOutShare) {

    public enum Mode {
        TIME_SPLIT, BASKET_COMPLETION
    }

    public enum Candidates {
        OFFERS, PRODUCTS
    }
}
