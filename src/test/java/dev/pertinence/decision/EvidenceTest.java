package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.emptySession;
import static dev.pertinence.decision.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a person's session and purchases say, item by item, before anything is scored. */
class EvidenceTest {

    private static PastPurchase boughtHoursAgo(String sku, String name, long hours) {
        return new PastPurchase(sku, name, null, NOW.minus(Duration.ofHours(hours)), 1, 10.0);
    }

    private static List<Evidence.Item> items(Evidence evidence) {
        List<Evidence.Item> items = new ArrayList<>();
        evidence.items().forEach(items::add);
        return items;
    }

    @Test
    void theViewedProductThenTheCartThenPurchasesEachSkuOnce() {
        SessionContext context = session(List.of("sku-pan", "sku-camera"), "sku-camera",
                Map.of("sku-camera", new SessionContext.ProductInfo("Digital camera", "photo")));
        List<PastPurchase> history = List.of(boughtHoursAgo("sku-pan", "Pan", 24), boughtHoursAgo("sku-sd", "SD card", 48),
                boughtHoursAgo("sku-sd", "SD card", 720));
        Evidence evidence = Evidence.of(context, history, NOW, ScoringPolicy.DEFAULT);
        assertEquals(List.of(
                new Evidence.Item("sku-camera", "Digital camera", Evidence.Item.Source.VIEWED, 0, 1.0),
                new Evidence.Item("sku-pan", "sku-pan", Evidence.Item.Source.CART, 0, 1.0),
                new Evidence.Item("sku-sd", "SD card", Evidence.Item.Source.BOUGHT, 2, Math.pow(0.5, 2 / 30.0))), items(evidence));
        assertEquals(List.of("sku-camera", "sku-pan", "sku-sd"), evidence.skus());
        assertFalse(evidence.isEmpty());
    }

    @Test
    void nothingInSessionAndNoPurchaseIsNoEvidence() {
        Evidence evidence = Evidence.of(emptySession(), List.of(), NOW, ScoringPolicy.DEFAULT);
        assertTrue(evidence.isEmpty());
        assertEquals(List.of(), evidence.skus());
    }

    @Test
    void onlyTheMostRecentDistinctPurchasesCountUpToTheLimit() {
        ScoringPolicy two = new ScoringPolicy(30, 0.5, 0.01, 1.3, 2, 200, 1, 19);
        // a repeat of a SKU already taken, or one in the session, does not use up the limit
        SessionContext cart = session(List.of("sku-cart"), null, Map.of());
        List<PastPurchase> history = List.of(boughtHoursAgo("sku-a", "A", 1), boughtHoursAgo("sku-cart", "Cart", 2),
                boughtHoursAgo("sku-a", "A", 3), boughtHoursAgo("sku-b", "B", 4), boughtHoursAgo("sku-c", "C", 5));
        assertEquals(List.of("sku-cart", "sku-a", "sku-b"), Evidence.of(cart, history, NOW, two).skus());
        ScoringPolicy none = new ScoringPolicy(30, 0.5, 0.01, 1.3, 0, 200, 1, 19);
        assertEquals(List.of("sku-cart"), Evidence.of(cart, history, NOW, none).skus());
    }

    @ParameterizedTest(name = "bought {0} h ago with a {1}-day half-life: weight {2}")
    @CsvSource({"0, 30, 1.0", "720, 30, 0.5", "1440, 30, 0.25", "360, 30, 0.7071067811865476", "168, 7, 0.5",
        "-48, 30, 1.0"})
    void aPurchaseWeighsHalfAsMuchEveryHalfLifeAndNeverMoreThanTheSession(long hours, double halfLife, double weight) {
        ScoringPolicy policy = new ScoringPolicy(halfLife, 0.5, 0.01, 1.3, 20, 200, 1, 19);
        Evidence.Item item = items(Evidence.of(emptySession(), List.of(boughtHoursAgo("sku-a", "A", hours)), NOW, policy)).get(0);
        assertEquals(weight, item.weight(), 1e-12);
        assertEquals(Math.max(0, hours) / 24.0, item.days(), 1e-12);
    }

    @ParameterizedTest(name = "{0} h ago: \"{1}\"")
    @CsvSource({"0, Bought A today", "23, Bought A today", "24, Bought A yesterday", "35, Bought A yesterday",
        "36, Bought A 2 days ago", "72, Bought A 3 days ago", "-5, Bought A today"})
    void aPurchaseIsLabelledByHowLongAgoItWas(long hours, String label) {
        Evidence.Item item = items(Evidence.of(emptySession(), List.of(boughtHoursAgo("sku-a", "A", hours)), NOW,
                ScoringPolicy.DEFAULT)).get(0);
        assertEquals(label, item.label());
    }

    @Test
    void aProductWithoutANameIsCalledByItsSku() {
        SessionContext context = session(List.of("sku-cart"), "sku-viewed", Map.of());
        List<Evidence.Item> items = items(Evidence.of(context, List.of(boughtHoursAgo("sku-old", null, 48)), NOW,
                ScoringPolicy.DEFAULT));
        assertEquals(List.of("Viewing sku-viewed now", "sku-cart is in the cart", "Bought sku-old 2 days ago"),
                items.stream().map(Evidence.Item::label).toList());
    }
}
