package dev.pertinence.simulation;

import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DroppedOffer;
import dev.pertinence.decision.RankedOffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts what a simulation's decisions say, person by person: who gets which offer where and at
 * which rank, each offer's eligible audience, who gets nothing and why, and, beside a draft, whose
 * top offer changes. Holds counts only, never an id of a person. Not thread-safe: one run adds to it.
 */
public final class Tally {

    /** Transitions listed in the difference. */
    static final int TRANSITIONS = 10;

    /**
     * One person on one placement.
     *
     * @param decision   the decision of the strategy simulated (the draft, when there is one), as it would answer
     * @param candidates the offers it chose from, by id
     * @param eligible   of those, the ids this person's rule, validity and consent admit
     * @param whyNothing a reason for the whole decision (no_offers_consent, contact_blocked, no_candidates,
     *                   caps_unchecked), or null: the decision's own drops say why when it proposes nothing
     * @param currentTop beside a draft: the current strategy's top offer (null: nothing); ignored without one
     * @param degraded   what the decision's reads went without
     */
    public record Decided(Decision decision, Collection<String> candidates, Set<String> eligible, String whyNothing,
                          String currentTop, List<String> degraded) {
    }

    private static final class Offer {
        long eligible;
        long people;
        final long[] byRank;

        Offer(int limit) {
            byRank = new long[limit];
        }
    }

    private static final class Place {
        final SimulationSettings.Target target;
        long people;
        long nothing;
        final Map<String, Long> reasons = new TreeMap<>();
        final Map<String, Offer> offers = new HashMap<>();

        Place(SimulationSettings.Target target) {
            this.target = target;
        }
    }

    private record Change(String from, String to) {
    }

    private final int limit;
    private final boolean compared;
    private final List<Place> places = new ArrayList<>();
    private long people;
    private long nothing;
    private final Map<String, Long> nothingReasons = new TreeMap<>();
    private final Map<String, Long> degraded = new TreeMap<>();
    private long changed;
    private final Map<Change, Long> transitions = new HashMap<>();

    public Tally(List<SimulationSettings.Target> targets, int limit, boolean compared) {
        this.limit = limit;
        this.compared = compared;
        targets.forEach(target -> places.add(new Place(target)));
    }

    /** One person, decided on every placement (in the order of the targets). */
    public void add(List<Decided> decisions) {
        if (decisions.size() != places.size()) {
            throw new IllegalArgumentException("one decision per placement");
        }
        people++;
        boolean gotSomething = false;
        boolean topChanged = false;
        Set<String> why = new TreeSet<>();
        for (int i = 0; i < places.size(); i++) {
            Place place = places.get(i);
            Decided decided = decisions.get(i);
            place.people++;
            for (String id : decided.candidates()) {
                Offer offer = place.offers.computeIfAbsent(id, key -> new Offer(limit));
                if (decided.eligible().contains(id)) {
                    offer.eligible++;
                }
            }
            List<RankedOffer> offers = decided.decision().offers();
            for (RankedOffer ranked : offers) {
                Offer offer = place.offers.computeIfAbsent(ranked.offer().id(), key -> new Offer(limit));
                offer.people++;
                offer.byRank[Math.min(limit, ranked.rank()) - 1]++;
            }
            if (offers.isEmpty()) {
                place.nothing++;
                Set<String> reasons = reasons(decided);
                reasons.forEach(reason -> place.reasons.merge(reason, 1L, Long::sum));
                why.addAll(reasons);
            } else {
                gotSomething = true;
            }
            decided.degraded().forEach(input -> degraded.merge(input, 1L, Long::sum));
            if (compared) {
                String top = offers.isEmpty() ? null : offers.get(0).offer().id();
                if (!Objects.equals(top, decided.currentTop())) {
                    topChanged = true;
                    transitions.merge(new Change(decided.currentTop(), top), 1L, Long::sum);
                }
            }
        }
        if (!gotSomething) {
            nothing++;
            why.forEach(reason -> nothingReasons.merge(reason, 1L, Long::sum));
        }
        if (topChanged) {
            changed++;
        }
    }

    /** Why a decision proposes nothing: its whole-decision reason, else each reason that left out a candidate. */
    private static Set<String> reasons(Decided decided) {
        Set<String> reasons = new TreeSet<>();
        if (decided.whyNothing() != null) {
            reasons.add(decided.whyNothing());
            return reasons;
        }
        for (DroppedOffer dropped : decided.decision().dropped()) {
            reasons.add(dropped.reason().name().toLowerCase(Locale.ROOT));
        }
        if (reasons.isEmpty()) {
            reasons.add("no_candidates");
        }
        return reasons;
    }

    public long people() {
        return people;
    }

    /** People each offer would be proposed to, over every placement (a person counted once per placement). */
    public Map<String, Long> proposals() {
        Map<String, Long> proposals = new HashMap<>();
        for (Place place : places) {
            place.offers.forEach((id, offer) -> {
                if (offer.people > 0) {
                    proposals.merge(id, offer.people, Long::sum);
                }
            });
        }
        return proposals;
    }

    /** The offers some decision proposed or held eligible. */
    public Set<String> reached() {
        Set<String> reached = new TreeSet<>();
        places.forEach(place -> place.offers.forEach((id, offer) -> {
            if (offer.people > 0 || offer.eligible > 0) {
                reached.add(id);
            }
        }));
        return reached;
    }

    public SimulationResult result(long population, List<SimulationResult.BudgetOutlook> budgets, long durationMs) {
        List<SimulationResult.PlacementFigures> figures = new ArrayList<>(places.size());
        for (Place place : places) {
            List<SimulationResult.OfferFigures> offers = new ArrayList<>(place.offers.size());
            place.offers.forEach((id, offer) -> {
                List<Long> byRank = new ArrayList<>(limit);
                for (long count : offer.byRank) {
                    byRank.add(count);
                }
                offers.add(new SimulationResult.OfferFigures(id, offer.eligible, offer.people, List.copyOf(byRank)));
            });
            offers.sort(Comparator.comparingLong(SimulationResult.OfferFigures::people).reversed()
                    .thenComparing(Comparator.comparingLong(SimulationResult.OfferFigures::eligible).reversed())
                    .thenComparing(SimulationResult.OfferFigures::offerId));
            figures.add(new SimulationResult.PlacementFigures(place.target.channel(), place.target.placement(), place.people,
                    new SimulationResult.Nothing(place.nothing, share(place.nothing, place.people), new LinkedHashMap<>(place.reasons)),
                    List.copyOf(offers)));
        }
        SimulationResult.Difference difference = null;
        if (compared) {
            List<SimulationResult.Transition> top = new ArrayList<>();
            transitions.forEach((change, count) -> top.add(new SimulationResult.Transition(change.from(), change.to(), count)));
            top.sort(Comparator.comparingLong(SimulationResult.Transition::decisions).reversed()
                    .thenComparing(t -> String.valueOf(t.from())).thenComparing(t -> String.valueOf(t.to())));
            difference = new SimulationResult.Difference(people, changed, share(changed, people),
                    List.copyOf(top.subList(0, Math.min(TRANSITIONS, top.size()))));
        }
        return new SimulationResult(people, population, limit, new SimulationResult.Nothing(nothing, share(nothing, people),
                new LinkedHashMap<>(nothingReasons)), List.copyOf(figures), List.copyOf(budgets), difference,
                new LinkedHashMap<>(degraded), durationMs);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
