package dev.pertinence.decision.service;

import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.offer.catalog.CatalogIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared candidate sets, one per channel and placement, for the current catalogue snapshot and
 * model version: built on the first decision that needs one, dropped when either changes.
 */
@ApplicationScoped
public class CandidateSets {

    private record Placement(String channel, String placement) {
    }

    private record Generation(CatalogIndex catalogue, String modelVersion, Map<Placement, CandidateSet> sets) {
    }

    private volatile Generation generation = new Generation(null, null, new ConcurrentHashMap<>());

    public CandidateSet get(CatalogIndex catalogue, ActiveModel.Current model, String channel, String placement,
                            ScoringPolicy policy) {
        Generation current = generation;
        if (current.catalogue() != catalogue || !Objects.equals(current.modelVersion(), model.version())) {
            current = new Generation(catalogue, model.version(), new ConcurrentHashMap<>());
            generation = current;
        }
        // placements no offer names share one entry: a caller cannot grow this cache with made-up placements
        return current.sets().computeIfAbsent(new Placement(channel, catalogue.placementKey(channel, placement)),
                key -> CandidateSet.of(catalogue.candidates(channel, placement), model.popularity(), policy));
    }
}
