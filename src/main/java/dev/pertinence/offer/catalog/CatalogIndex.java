package dev.pertinence.offer.catalog;

import dev.pertinence.decision.CandidateOffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the active offers, indexed so that a decision reads one precomputed
 * list for its channel and placement: the offers of that placement followed by the channel's
 * offers that run on every placement.
 */
public final class CatalogIndex {

    static final CatalogIndex EMPTY = new CatalogIndex(List.of());

    private final Map<String, Map<String, List<CandidateOffer>>> byPlacement = new HashMap<>();
    private final Map<String, List<CandidateOffer>> everywhere = new HashMap<>();
    private final Map<String, CandidateOffer> byId = new HashMap<>();
    /** The budgeted offers of each list {@link #candidates} returns, by the list (identity): usually none. */
    private final Map<List<CandidateOffer>, List<CandidateOffer>> budgeted = new java.util.IdentityHashMap<>();
    private final List<CandidateOffer> allBudgeted = new ArrayList<>();
    private final Map<String, Placed> placedById = new HashMap<>();
    private final int size;

    /** @param offers each with the channels and placements it runs on */
    CatalogIndex(List<Placed> offers) {
        this.size = offers.size();
        Map<String, Map<String, List<CandidateOffer>>> specific = new HashMap<>();
        for (Placed placed : offers) {
            byId.put(placed.offer().id(), placed.offer());
            placedById.put(placed.offer().id(), placed);
            for (String channel : placed.channels()) {
                if (placed.placements().isEmpty()) {
                    everywhere.computeIfAbsent(channel, c -> new ArrayList<>()).add(placed.offer());
                } else {
                    for (String placement : placed.placements()) {
                        specific.computeIfAbsent(channel, c -> new HashMap<>())
                                .computeIfAbsent(placement, p -> new ArrayList<>()).add(placed.offer());
                    }
                }
            }
        }
        specific.forEach((channel, placements) -> placements.forEach((placement, list) -> {
            List<CandidateOffer> merged = new ArrayList<>(list);
            merged.addAll(everywhere.getOrDefault(channel, List.of()));
            byPlacement.computeIfAbsent(channel, c -> new HashMap<>()).put(placement, List.copyOf(merged));
        }));
        everywhere.replaceAll((channel, list) -> List.copyOf(list));
        byPlacement.values().forEach(placements -> placements.values().forEach(this::indexBudgeted));
        everywhere.values().forEach(this::indexBudgeted);
        byId.values().stream().filter(offer -> offer.budget() != null).forEach(allBudgeted::add);
    }

    private void indexBudgeted(List<CandidateOffer> list) {
        List<CandidateOffer> withBudget = list.stream().filter(offer -> offer.budget() != null).toList();
        if (!withBudget.isEmpty()) {
            budgeted.put(list, withBudget);
        }
    }

    /** The offers with a budget among {@link #candidates}{@code (channel, placement)}: empty, at no cost, when none has one. */
    public List<CandidateOffer> budgeted(String channel, String placement) {
        return budgeted.getOrDefault(candidates(channel, placement), List.of());
    }

    /** Every active offer with a budget. */
    public List<CandidateOffer> budgeted() {
        return List.copyOf(allBudgeted);
    }

    public List<CandidateOffer> candidates(String channel, String placement) {
        Map<String, List<CandidateOffer>> placements = byPlacement.get(channel);
        List<CandidateOffer> specific = placements == null ? null : placements.get(placement);
        return specific != null ? specific : everywhere.getOrDefault(channel, List.of());
    }

    /**
     * The placement under which {@link #candidates} files this request: itself when some offer
     * names it, else {@code "*"} (every unnamed placement shares the channel's list).
     */
    public String placementKey(String channel, String placement) {
        Map<String, List<CandidateOffer>> placements = byPlacement.get(channel);
        return placements != null && placements.containsKey(placement) ? placement : "*";
    }

    public int size() {
        return size;
    }

    /** Each channel with the placements some offer names, and {@code "*"} when offers run on all of them. */
    public Map<String, java.util.Set<String>> placementsByChannel() {
        Map<String, java.util.Set<String>> placements = new HashMap<>();
        byPlacement.forEach((channel, named) -> placements.computeIfAbsent(channel, c -> new java.util.TreeSet<>())
                .addAll(named.keySet()));
        everywhere.keySet().forEach(channel -> placements.computeIfAbsent(channel, c -> new java.util.TreeSet<>()).add("*"));
        return placements;
    }

    /** The active offer with this id, or null. */
    public CandidateOffer offer(String id) {
        return byId.get(id);
    }

    public java.util.Set<String> offerIds() {
        return java.util.Collections.unmodifiableSet(byId.keySet());
    }

    /** Whether this snapshot holds exactly these offers, placed the same way (in any order). */
    boolean holds(List<Placed> offers) {
        if (offers.size() != placedById.size()) {
            return false;
        }
        for (Placed placed : offers) {
            if (!placed.equals(placedById.get(placed.offer().id()))) {
                return false;
            }
        }
        return true;
    }

    /** An offer with where it runs. */
    record Placed(CandidateOffer offer, List<String> channels, List<String> placements) {
    }
}
