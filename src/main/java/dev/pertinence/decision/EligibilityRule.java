package dev.pertinence.decision;

/** An offer's eligibility rule, compiled once. Implementations must be thread-safe and side-effect free. */
public interface EligibilityRule {

    /** Always eligible: an offer without a rule. */
    EligibilityRule ALWAYS = variables -> RuleVerdict.ELIGIBLE;

    RuleVerdict evaluate(RuleVariables variables);

    /** Its worst-case cost in evaluation steps (docs/rules.md), counted against a decision's rule budget. */
    default double cost() {
        return 0;
    }

    /** {@code rule} with its worst-case cost. */
    static EligibilityRule costing(double cost, EligibilityRule rule) {
        return new EligibilityRule() {
            @Override
            public RuleVerdict evaluate(RuleVariables variables) {
                return rule.evaluate(variables);
            }

            @Override
            public double cost() {
                return cost;
            }
        };
    }
}
