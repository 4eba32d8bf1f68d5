package dev.pertinence.decision;

/** An offer's eligibility rule, compiled once. Implementations must be thread-safe and side-effect free. */
public interface EligibilityRule {

    /** Always eligible: an offer without a rule. */
    EligibilityRule ALWAYS = variables -> RuleVerdict.ELIGIBLE;

    RuleVerdict evaluate(RuleVariables variables);
}
