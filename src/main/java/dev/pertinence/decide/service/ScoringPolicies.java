package dev.pertinence.decide.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decision.ScoringPolicy;

/** The scoring policy from configuration: decisions and page layouts weigh evidence alike. */
public final class ScoringPolicies {

    private ScoringPolicies() {
    }

    public static ScoringPolicy from(PertinenceConfig config) {
        PertinenceConfig.Decision decision = config.decision();
        return new ScoringPolicy(decision.recencyHalfLife().toHours() / 24.0, decision.popularityWeight(),
                decision.basePropensity(), decision.inMarketBoost(), decision.evidenceItems(),
                ScoringPolicy.DEFAULT.maxDroppedListed(), config.learning().priorAccepts(), config.learning().priorDeclines());
    }
}
