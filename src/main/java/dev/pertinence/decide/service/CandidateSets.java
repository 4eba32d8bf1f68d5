package dev.pertinence.decide.service;

import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.decision.Strategy;
import dev.pertinence.offer.catalog.CatalogIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared candidate sets, one per channel, placement, segment and strategy (experiment arms rank
 * differently), for the current catalogue
 * snapshot and model version: built on the first decision that needs one, dropped when either
 * changes, and prepared again when more than {@value #REBUILD_AFTER_CHANGES} offers' learned
 * responses changed since (fewer are rescored per decision).
 */
@ApplicationScoped
public class CandidateSets {

    /**
     * Segments come from customer data: past this many prepared sets, a new channel × placement ×
     * segment is prepared for its decision and not kept (slower, never unbounded memory).
     */
    static final int MAX_SETS = 1024;

    /**
     * A decision rescores the offers whose learned counts changed since its set was prepared; past
     * this many, preparing the set again (once, for the decisions that follow) is cheaper.
     */
    static final int REBUILD_AFTER_CHANGES = 128;

    private record Key(String channel, String placement, String segment, Strategy strategy) {
    }

    private record Generation(CatalogIndex catalogue, String modelVersion, Map<Key, CandidateSet> sets) {
    }

    private volatile Generation generation = new Generation(null, null, new ConcurrentHashMap<>());
    private final Counter prepared;

    public CandidateSets(MeterRegistry meters) {
        this.prepared = Counter.builder("pertinence.candidates.prepared")
                .description("Candidate sets prepared (cache reloads: first use, new catalogue or model, many relearned offers)")
                .register(meters);
    }

    public CandidateSet get(CatalogIndex catalogue, ActiveModel.Current model, String channel, String placement,
                            String segment, Strategy strategy, ScoringPolicy policy, LearnedResponses learned) {
        Generation current = generation;
        if (current.catalogue() != catalogue || !Objects.equals(current.modelVersion(), model.version())) {
            current = new Generation(catalogue, model.version(), new ConcurrentHashMap<>());
            generation = current;
        }
        // placements no offer names share one entry: a caller cannot grow this cache with made-up placements
        Key key = new Key(channel, catalogue.placementKey(channel, placement), segment, strategy);
        CandidateSet set = current.sets().get(key);
        java.util.Set<String> changed = set == null ? null : learned.changedSince(set.learnedVersion());
        if (changed == null || changed.size() > REBUILD_AFTER_CHANGES) {
            set = CandidateSet.of(catalogue.candidates(channel, placement), model.popularity(), policy, learned, segment, strategy);
            prepared.increment();
            if (current.sets().size() < MAX_SETS || current.sets().containsKey(key)) {
                current.sets().put(key, set);
            }
        }
        return set;
    }
}
