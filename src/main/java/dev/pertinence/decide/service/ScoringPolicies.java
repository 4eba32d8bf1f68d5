package dev.pertinence.decide.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.decision.ShowProbabilities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The scoring policy from configuration, and the core that ranks under it: decisions and page layouts weigh evidence alike. */
@ApplicationScoped
public class ScoringPolicies {

    @Produces
    @Singleton
    ScoringPolicy scoringPolicy(PertinenceConfig config) {
        return from(config);
    }

    @Produces
    @Singleton
    DecisionEngine engine(ScoringPolicy policy, ContactPolicy contactPolicy, PertinenceConfig config) {
        return new DecisionEngine(policy, contactPolicy, new ShowProbabilities.Bounds(config.decision().propensityDraws(),
                config.decision().propensityPool()), config.rules().decisionBudget());
    }

    public static ScoringPolicy from(PertinenceConfig config) {
        PertinenceConfig.Decision decision = config.decision();
        return new ScoringPolicy(decision.recencyHalfLife().toHours() / 24.0, decision.popularityWeight(),
                decision.basePropensity(), decision.inMarketBoost(), decision.evidenceItems(),
                ScoringPolicy.DEFAULT.maxDroppedListed(), config.learning().priorAccepts(), config.learning().priorDeclines());
    }
}
