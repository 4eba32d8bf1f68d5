package dev.pertinence.experiment;

/**
 * What one arm's people in one segment did: the rows results are computed from. A person counts
 * in the segment of their first decision in the experiment, with all their decisions and
 * outcomes, so segments add up to the whole.
 *
 * @param peopleAccepting people with at least one acceptance
 * @param peopleConverting people with at least one conversion
 * @param value           value of their conversions
 * @param valueSquares    sum over the people of the square of each one's value (for the variance)
 */
public record Tally(String arm, String segment, long people, long decisions, long impressions, long acceptances,
                    long peopleAccepting, long conversions, long peopleConverting, double value, double valueSquares) {

    public static Tally empty(String arm, String segment) {
        return new Tally(arm, segment, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public Tally plus(Tally other) {
        return new Tally(arm, segment, people + other.people, decisions + other.decisions, impressions + other.impressions,
                acceptances + other.acceptances, peopleAccepting + other.peopleAccepting, conversions + other.conversions,
                peopleConverting + other.peopleConverting, value + other.value, valueSquares + other.valueSquares);
    }
}
