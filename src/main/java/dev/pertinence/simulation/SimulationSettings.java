package dev.pertinence.simulation;

import java.util.List;
import java.util.Map;

/**
 * What a simulation decides, resolved (every default applied): stored with the job, so its result
 * can always be read with what produced it.
 *
 * @param placements  the channel × placement pairs each person is decided on
 * @param segment     only customers in this segment; null for all
 * @param sample      most people decided (a seeded sample when the population is larger)
 * @param seed        seeds the sample: the same seed on the same customers decides the same people
 * @param limit       offers per decision (the top n a live decision answers)
 * @param dailyReach  people a day a budgeted offer reaches, as the request states it, by offer id; an offer not
 *                    named: its recorded decisions a day over the last 7 days, else this population in one day
 * @param draft       the strategy simulated instead of the current one (the current one is then decided beside it);
 *                    null: the current one
 */
public record SimulationSettings(List<Target> placements, String segment, int sample, long seed, int limit,
                                 Map<String, Long> dailyReach, SimulationDraft draft) {

    public SimulationSettings {
        placements = List.copyOf(placements);
        dailyReach = dailyReach == null ? Map.of() : Map.copyOf(dailyReach);
    }

    /** Where a person is decided: a channel and a placement ({@code *}: any placement no offer names). */
    public record Target(String channel, String placement) {
    }
}
