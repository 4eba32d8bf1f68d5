package dev.pertinence.copurchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.ContactHistory;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Held-out baskets on the real grocery data (../shared/data/groceries.csv): the model is built on
 * the first 80 % of the baskets; of each later basket of 2 or more items, one item (drawn with a
 * fixed seed) is hidden and the rest sent as an anonymous visitor's cart, against one offer per
 * item. Measured: the share of the top-3 slots holding an item already in the cart, and how often
 * the hidden item is in the top 3, with every offer opted in (the behaviour before) and by default
 * (offers for the cart's items left out). Figures in docs/scoring.md.
 */
class InCartEvaluationTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    record Figures(int baskets, int slots, int slotsInCart, int hits) {
        double inCartShare() {
            return slotsInCart / (double) slots;
        }

        double hitRate() {
            return hits / (double) baskets;
        }
    }

    @Test
    void leavingOutTheCartsOwnItemsFreesTheTopSlotsForWhatIsMissing() throws IOException {
        List<List<String>> baskets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("../shared/data/groceries.csv"))) {
            baskets.add(List.copyOf(new LinkedHashSet<>(Arrays.stream(line.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList())));
        }
        int training = baskets.size() * 8 / 10;
        CoPurchaseCounter counter = new CoPurchaseCounter(sku -> null, 100);
        baskets.subList(0, training).forEach(counter::addBasket);
        CoPurchaseModel model = counter.build(3, 20);
        TreeSet<String> items = new TreeSet<>();
        baskets.forEach(items::addAll);

        Figures before = evaluate(baskets.subList(training, baskets.size()), items, model, true);
        Figures after = evaluate(baskets.subList(training, baskets.size()), items, model, false);
        System.out.printf("Held-out grocery baskets (%d): top-3 slots in the cart %.1f %% -> %.1f %%; hidden item in the top 3 "
                        + "%.1f %% -> %.1f %%%n", before.baskets(), 100 * before.inCartShare(), 100 * after.inCartShare(),
                100 * before.hitRate(), 100 * after.hitRate());
        assertEquals(before.baskets(), after.baskets());
        assertTrue(before.inCartShare() > 0.2, "the cart's own items crowded the top slots: " + before);
        assertEquals(0, after.slotsInCart(), "no single-item offer for a cart item is proposed");
        assertTrue(after.hitRate() > before.hitRate(), before + " -> " + after);
    }

    private static Figures evaluate(List<List<String>> held, TreeSet<String> items, CoPurchaseModel model, boolean optedIn) {
        List<CandidateOffer> offers = new ArrayList<>(items.size());
        for (String item : items) {
            CandidateOffer plain = new CandidateOffer("offer-" + item, item, item, null, java.util.Set.of(item), java.util.Set.of(),
                    null, null, 1.0, 1.0, EligibilityRule.ALWAYS);
            offers.add(new CandidateOffer(plain.id(), plain.title(), plain.message(), null, plain.targetSkus(),
                    plain.targetCategories(), null, null, 1.0, 1.0, EligibilityRule.ALWAYS, null, null, plain.template(),
                    plain.reliability(), optedIn, null));
        }
        DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);
        CandidateSet candidates = CandidateSet.of(offers, model.popularity(), ScoringPolicy.DEFAULT);
        SplittableRandom random = new SplittableRandom(2026);
        int baskets = 0;
        int slots = 0;
        int inCart = 0;
        int hits = 0;
        for (List<String> basket : held) {
            if (basket.size() < 2) {
                continue;
            }
            int hidden = random.nextInt(basket.size());
            List<String> cart = new ArrayList<>(basket);
            String missing = cart.remove(hidden);
            SessionContext session = new SessionContext("web", "home", NOW.atZone(ZoneOffset.UTC), cart, null, Map.of(), null, null,
                    null, null);
            Decision decision = engine.decide(new Snapshot(NOW, null, List.of(), session, model.neighbours(), true, candidates, 3,
                    false, false, ContactHistory.NONE, LearnedResponses.NONE));
            baskets++;
            for (RankedOffer offer : decision.offers()) {
                slots++;
                String item = offer.offer().targetSkus().iterator().next();
                if (cart.contains(item)) {
                    inCart++;
                }
                if (item.equals(missing)) {
                    hits++;
                }
            }
        }
        return new Figures(baskets, slots, inCart, hits);
    }
}
