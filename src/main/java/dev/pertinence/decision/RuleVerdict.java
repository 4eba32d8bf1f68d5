package dev.pertinence.decision;

/** What a rule said: eligible, not eligible, or it could not be evaluated (then the offer is not eligible). */
public record RuleVerdict(boolean eligible, String error) {

    public static final RuleVerdict ELIGIBLE = new RuleVerdict(true, null);
    public static final RuleVerdict NOT_ELIGIBLE = new RuleVerdict(false, null);

    public static RuleVerdict error(String message) {
        return new RuleVerdict(false, message);
    }
}
