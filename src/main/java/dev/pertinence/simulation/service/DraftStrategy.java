package dev.pertinence.simulation.service;

import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.Popularity;
import dev.pertinence.decision.Strategy;
import dev.pertinence.offer.catalog.CatalogIndex;
import dev.pertinence.offer.rule.RuleCompiler;
import dev.pertinence.simulation.SimulationDraft;
import dev.pertinence.simulation.SimulationSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A draft as the decision core takes it: its own engine (the draft's scoring settings), and, per
 * placement, the catalogue's offers without those it leaves out and under the rules it replaces,
 * prepared once per segment and experiment arm as the live candidate sets are (its levers over the
 * arm's). One run's, on its worker thread.
 */
final class DraftStrategy {

    private record Key(SimulationSettings.Target target, String segment, Strategy.Kind kind, Map<String, Double> levers) {
    }

    private final DecisionEngine engine;
    private final Map<String, Double> levers;
    private final Map<SimulationSettings.Target, List<CandidateOffer>> offers = new HashMap<>();
    private final Map<Key, CandidateSet> sets = new HashMap<>();

    DraftStrategy(SimulationDraft draft, DecisionEngine current, CatalogIndex catalogue, List<SimulationSettings.Target> targets,
                  RuleCompiler rules) {
        this.engine = current.withPolicy(draft.over(current.policy()));
        this.levers = draft.levers();
        Set<String> without = new HashSet<>(draft.withoutOffers());
        for (SimulationSettings.Target target : targets) {
            List<CandidateOffer> kept = new ArrayList<>();
            for (CandidateOffer offer : catalogue.candidates(target.channel(), target.placement())) {
                if (without.contains(offer.id())) {
                    continue;
                }
                String rule = draft.rules().get(offer.id());
                kept.add(rule == null ? offer : offer.withRule(rules.compileUncached(rule)));
            }
            offers.put(target, List.copyOf(kept));
        }
    }

    DecisionEngine engine() {
        return engine;
    }

    List<CandidateOffer> offers(SimulationSettings.Target target) {
        return offers.get(target);
    }

    /** The draft's candidates for a person whose live decision was prepared as {@code live} (their segment and arm). */
    CandidateSet candidates(SimulationSettings.Target target, CandidateSet live, Popularity popularity, LearnedResponses learned) {
        Strategy arm = live.strategy();
        Map<String, Double> merged = new HashMap<>(arm.levers());
        merged.putAll(levers);
        Key key = new Key(target, live.segment(), arm.kind(), Map.copyOf(merged));
        return sets.computeIfAbsent(key, k -> CandidateSet.of(offers.get(target), popularity, engine.policy(), learned,
                live.segment(), new Strategy(arm.kind(), k.levers(), 0.0)));
    }
}
