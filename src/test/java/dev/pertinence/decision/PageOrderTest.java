package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.bought;
import static dev.pertinence.decision.Fixtures.emptySession;
import static dev.pertinence.decision.Fixtures.neighbour;
import static dev.pertinence.decision.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.PageOrder.Placed;
import dev.pertinence.decision.PageOrder.Section;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A page's sections reordered for one visitor: what they view, cart or bought points at a
 * section's topics directly (its own category, full weight) or through what is usually bought
 * with it (co-purchase confidence × {@link PageOrder#INFERRED}); the pieces combine as a
 * noisy-or, the strongest names the reason, and sections nothing points at keep the page's order.
 */
class PageOrderTest {

    private static final Section GARDEN = new Section("garden", Set.of("garden"));
    private static final Section PHOTO = new Section("photo", Set.of("photo"));
    private static final Section KITCHEN = new Section("kitchen", Set.of("kitchen"));
    private static final Section STORAGE = new Section("storage", Set.of("storage", "cables"));

    private static final SessionContext.ProductInfo CAMERA = new SessionContext.ProductInfo("Digital camera", "photo");

    private static List<Placed> order(List<Section> sections, SessionContext context, List<PastPurchase> history,
                                      Map<String, List<Neighbour>> neighbours) {
        return PageOrder.order(sections, context, history, neighbours, NOW, ScoringPolicy.DEFAULT);
    }

    private static SessionContext viewing(String sku, SessionContext.ProductInfo info) {
        return session(List.of(), sku, Map.of(sku, info));
    }

    private static List<String> ids(List<Placed> placed) {
        return placed.stream().map(Placed::id).toList();
    }

    private static Placed placed(List<Placed> placed, String id) {
        return placed.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void withNothingToGoOnThePageKeepsItsOrderAndSaysSo() {
        List<Placed> placed = order(List.of(GARDEN, PHOTO, KITCHEN), emptySession(), List.of(), Map.of());
        assertEquals(List.of(
                new Placed("garden", 1, 1, 0.0, PageOrder.NO_SIGNAL),
                new Placed("photo", 2, 2, 0.0, PageOrder.NO_SIGNAL),
                new Placed("kitchen", 3, 3, 0.0, PageOrder.NO_SIGNAL)), placed);
        assertEquals("Nothing this visitor bought, carts or views points here: kept in the page's order", PageOrder.NO_SIGNAL);
    }

    @Test
    void theSectionOfTheViewedProductComesFirstAndTheOthersKeepTheirOrderBehindIt() {
        List<Placed> placed = order(List.of(GARDEN, KITCHEN, PHOTO), viewing("sku-camera", CAMERA), List.of(), Map.of());
        assertEquals(List.of(
                new Placed("photo", 1, 3, 1.0, "Viewing Digital camera now (photo)"),
                new Placed("garden", 2, 1, 0.0, PageOrder.NO_SIGNAL),
                new Placed("kitchen", 3, 2, 0.0, PageOrder.NO_SIGNAL)), placed);
    }

    @Test
    void sectionsWithTheSameScoreKeepThePageOrder() {
        Section lenses = new Section("lenses", Set.of("photo"));
        List<Placed> placed = order(List.of(GARDEN, PHOTO, KITCHEN, lenses), viewing("sku-camera", CAMERA), List.of(), Map.of());
        assertEquals(List.of("photo", "lenses", "garden", "kitchen"), ids(placed));
        assertEquals(List.of(1, 2, 3, 4), placed.stream().map(Placed::position).toList());
        assertEquals(List.of(2, 4, 1, 3), placed.stream().map(Placed::originalPosition).toList());
    }

    @Test
    void aCartedProductPointsAtItsCategoryLikeAViewedOne() {
        SessionContext cart = session(List.of("sku-pan"), null, Map.of("sku-pan", new SessionContext.ProductInfo("Frying pan", "kitchen")));
        List<Placed> placed = order(List.of(GARDEN, KITCHEN), cart, List.of(), Map.of());
        assertEquals(new Placed("kitchen", 1, 2, 1.0, "Frying pan is in the cart (kitchen)"), placed.get(0));
    }

    @Test
    void aPurchasePointsAtItsCategoryWithItsRecencyWeight() {
        // bought 30 days ago: one half-life, weight 0.5
        List<Placed> placed = order(List.of(GARDEN, PHOTO), emptySession(),
                List.of(bought("sku-camera", "Digital camera", "photo", 30)), Map.of());
        assertEquals(new Placed("photo", 1, 2, 0.5, "Bought Digital camera 30 days ago (photo)"), placed.get(0));
    }

    @Test
    void aPurchaseIsFiledUnderTheCategoryOfItsLatestLine() {
        // the same SKU recategorised: history is newest first, its first line says where it belongs now
        List<PastPurchase> history = List.of(bought("sku-x", "Gadget", "kitchen", 30), bought("sku-x", "Gadget", "garden", 60));
        List<Placed> placed = order(List.of(GARDEN, KITCHEN), emptySession(), history, Map.of());
        assertEquals(List.of("kitchen", "garden"), ids(placed));
        assertEquals("Bought Gadget 30 days ago (kitchen)", placed.get(0).reason());
        assertEquals(0.0, placed.get(1).score());
    }

    @Test
    void whatUsuallyGoesWithTheProductIsDiscountedSoTheProductItselfComesFirst() {
        // every basket with the camera holds an SD card, yet the camera's own section still leads
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-sd", "storage", 1.0, 3)));
        List<Placed> placed = order(List.of(STORAGE, PHOTO), viewing("sku-camera", CAMERA), List.of(), neighbours);
        assertEquals(List.of(
                new Placed("photo", 1, 2, 1.0, "Viewing Digital camera now (photo)"),
                new Placed("storage", 2, 1, PageOrder.INFERRED,
                        "Viewing Digital camera now: 100 % of baskets with it also hold sku-sd (storage)")), placed);
        assertEquals(0.8, PageOrder.INFERRED);
    }

    @ParameterizedTest(name = "viewed (weight 1), confidence {0}: score {1}")
    @CsvSource({"1.0, 0.8", "0.5, 0.4", "0.25, 0.2"})
    void anInferredMatchIsWeightTimesConfidenceTimesTheDiscount(double confidence, double score) {
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-sd", "storage", confidence, 3)));
        List<Placed> placed = order(List.of(STORAGE), viewing("sku-camera", CAMERA), List.of(), neighbours);
        assertEquals(score, placed.get(0).score(), 1e-12);
    }

    @Test
    void anInferredMatchFromAPurchaseFadesWithItsAge() {
        // weight 0.5 (30 days) × confidence 0.5 × 0.8 = 0.2
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-sd", "storage", 0.5, 3)));
        List<Placed> placed = order(List.of(STORAGE), emptySession(),
                List.of(bought("sku-camera", "Digital camera", "photo", 30)), neighbours);
        assertEquals(0.2, placed.get(0).score(), 1e-12);
        assertEquals("Bought Digital camera 30 days ago: 50 % of baskets with it also hold sku-sd (storage)", placed.get(0).reason());
    }

    @Test
    void aSectionMatchesAnyOfItsTopicsAndTheStrongestNeighbourNamesTheReason() {
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(
                neighbour("sku-sd", "storage", 0.3, 3),
                neighbour("sku-usb", "cables", 0.6, 2),
                neighbour("sku-hdmi", "cables", 0.4, 2)));
        Placed storage = order(List.of(STORAGE), viewing("sku-camera", CAMERA), List.of(), neighbours).get(0);
        // one evidence item counts once per section, through its strongest neighbour there
        assertEquals(0.6 * PageOrder.INFERRED, storage.score(), 1e-12);
        assertEquals("Viewing Digital camera now: 60 % of baskets with it also hold sku-usb (cables)", storage.reason());
    }

    @Test
    void amongEquallyStrongNeighboursTheFirstListedNamesTheReason() {
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(
                neighbour("sku-sd", "storage", 0.5, 3), neighbour("sku-usb", "cables", 0.5, 2)));
        Placed storage = order(List.of(STORAGE), viewing("sku-camera", CAMERA), List.of(), neighbours).get(0);
        assertEquals("Viewing Digital camera now: 50 % of baskets with it also hold sku-sd (storage)", storage.reason());
    }

    @Test
    void theConfidenceInAReasonIsRoundedToAWholePercent() {
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-sd", "storage", 0.346, 3)));
        Placed storage = order(List.of(STORAGE), viewing("sku-camera", CAMERA), List.of(), neighbours).get(0);
        assertEquals("Viewing Digital camera now: 35 % of baskets with it also hold sku-sd (storage)", storage.reason());
    }

    @Test
    void aDirectMatchIsNotAlsoCountedThroughTheSameItemsNeighbours() {
        // the camera is a photo product and its neighbour is too: the section gets the direct match alone
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-prints", "photo", 0.9, 3)));
        Placed photo = order(List.of(PHOTO), emptySession(), List.of(bought("sku-camera", "Digital camera", "photo", 30)),
                neighbours).get(0);
        assertEquals(0.5, photo.score(), 1e-12);
        assertEquals("Bought Digital camera 30 days ago (photo)", photo.reason());
    }

    @Test
    void severalItemsCombineAsANoisyOrAndTheStrongestGivesTheReason() {
        // weights 0.5 (30 days) and 0.25 (60 days): 1 − (1 − 0.5)(1 − 0.25) = 0.625
        List<PastPurchase> history = List.of(bought("sku-camera", "Digital camera", "photo", 30),
                bought("sku-tripod", "Tripod", "photo", 60));
        Placed photo = order(List.of(PHOTO), emptySession(), history, Map.of()).get(0);
        assertEquals(0.625, photo.score(), 1e-12);
        assertEquals("Bought Digital camera 30 days ago (photo)", photo.reason());
    }

    @Test
    void aStrongerItemListedLaterStillGivesTheReason() {
        // the viewed lens reaches the photo section only through a neighbour (0.4 × 0.8 = 0.32);
        // the camera bought 30 days ago reaches it directly (0.5): 1 − 0.68 × 0.5 = 0.66
        SessionContext lens = viewing("sku-lens", new SessionContext.ProductInfo("Lens", "optics"));
        Map<String, List<Neighbour>> neighbours = Map.of("sku-lens", List.of(neighbour("sku-prints", "photo", 0.4, 3)));
        Placed photo = order(List.of(PHOTO), lens, List.of(bought("sku-camera", "Digital camera", "photo", 30)), neighbours).get(0);
        assertEquals(0.66, photo.score(), 1e-12);
        assertEquals("Bought Digital camera 30 days ago (photo)", photo.reason());
    }

    @Test
    void amongEquallyStrongItemsTheFirstGivesTheReason() {
        SessionContext cart = session(List.of("sku-camera", "sku-tripod"), null,
                Map.of("sku-camera", CAMERA, "sku-tripod", new SessionContext.ProductInfo("Tripod", "photo")));
        Placed photo = order(List.of(PHOTO), cart, List.of(), Map.of()).get(0);
        assertEquals(1.0, photo.score(), 1e-12);
        assertEquals("Digital camera is in the cart (photo)", photo.reason());
    }

    @Test
    void aStrongerSignalRanksHigherAndScoresOrderThePage() {
        // kitchen: carted now (1.0); photo: bought 30 days ago (0.5); storage: the camera's neighbour (0.5 × 0.5 × 0.8 = 0.2)
        SessionContext cart = session(List.of("sku-pan"), null, Map.of("sku-pan", new SessionContext.ProductInfo("Frying pan", "kitchen")));
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-sd", "storage", 0.5, 3)));
        List<Placed> placed = order(List.of(GARDEN, STORAGE, PHOTO, KITCHEN), cart,
                List.of(bought("sku-camera", "Digital camera", "photo", 30)), neighbours);
        assertEquals(List.of("kitchen", "photo", "storage", "garden"), ids(placed));
        assertEquals(List.of(1.0, 0.5, 0.2, 0.0), placed.stream().map(p -> Math.round(p.score() * 1e9) / 1e9).toList());
        assertEquals(List.of(4, 3, 2, 1), placed.stream().map(Placed::originalPosition).toList());
    }

    @Test
    void aCorruptConfidenceAboveOneCountsAsCertaintyNotMore() {
        // a confidence is a share of baskets; should the model ever say 1.5, the section is certain, not beyond it
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-sd", "storage", 1.5, 3)));
        assertEquals(1.0, order(List.of(STORAGE), viewing("sku-camera", CAMERA), List.of(), neighbours).get(0).score(), 1e-12);
    }

    @Test
    void itemsOfUnknownCategoryAndNeighboursWithoutOneReachNothingDirectly() {
        // nothing known of the viewed product; its only neighbour with a category reaches the kitchen
        SessionContext unknown = session(List.of(), "sku-mystery", Map.of());
        Map<String, List<Neighbour>> neighbours = Map.of("sku-mystery", List.of(
                neighbour("sku-nameless", null, 0.9, 3), neighbour("sku-pan", "kitchen", 0.5, 2)));
        List<Placed> placed = order(List.of(GARDEN, KITCHEN), unknown,
                List.of(new PastPurchase("sku-old", null, null, NOW.minus(Duration.ofDays(1)), 1, null)), neighbours);
        assertEquals(List.of("kitchen", "garden"), ids(placed));
        assertEquals("Viewing sku-mystery now: 50 % of baskets with it also hold sku-pan (kitchen)", placed.get(0).reason());
        assertEquals(0.4, placed.get(0).score(), 1e-12);
        assertEquals(PageOrder.NO_SIGNAL, placed.get(1).reason());
    }

    @Test
    void aNeighbourOutsideEverySectionChangesNothing() {
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-sd", "storage", 0.9, 3)));
        List<Placed> placed = order(List.of(GARDEN, KITCHEN), viewing("sku-camera", CAMERA), List.of(), neighbours);
        assertEquals(List.of(new Placed("garden", 1, 1, 0.0, PageOrder.NO_SIGNAL),
                new Placed("kitchen", 2, 2, 0.0, PageOrder.NO_SIGNAL)), placed);
    }

    @Test
    void theEvidenceSkusAreTheViewedProductThenTheCartThenTheLatestDistinctPurchases() {
        SessionContext context = session(List.of("sku-cart", "sku-viewed"), "sku-viewed", Map.of());
        List<PastPurchase> history = List.of(bought("sku-a", "A", null, 1), bought("sku-cart", "Cart", null, 2),
                bought("sku-a", "A", null, 3), bought("sku-b", "B", null, 4));
        assertEquals(List.of("sku-viewed", "sku-cart", "sku-a", "sku-b"),
                PageOrder.evidenceSkus(context, history, NOW, ScoringPolicy.DEFAULT));
        assertEquals(List.of(), PageOrder.evidenceSkus(emptySession(), List.of(), NOW, ScoringPolicy.DEFAULT));
    }

    // Learning from clicks: the counts of a section on a page in a segment, under PageOrder.key

    /** Counts by key and segment, as LiveResponses holds them. */
    private static LearnedResponses clicks(Map<String, LearnedResponses.Counts> bySegmentAndKey) {
        return new LearnedResponses() {
            @Override
            public Counts counts(String offerId, String segment) {
                return bySegmentAndKey.getOrDefault(segment + "|" + offerId, Counts.NONE);
            }

            @Override
            public long version() {
                return 0;
            }

            @Override
            public java.util.Set<String> changedSince(long version) {
                return java.util.Set.of();
            }
        };
    }

    private static List<Placed> learnt(List<Section> sections, SessionContext context, Map<String, List<Neighbour>> neighbours,
                                       LearnedResponses learned, Strategy strategy) {
        return PageOrder.order(sections, context, List.of(), neighbours, NOW, ScoringPolicy.DEFAULT,
                new PageOrder.Learning("home", "gold", learned, strategy));
    }

    @Test
    void aSectionClickedFarMoreThanAssumedRisesAndSaysWhyInPlainWords() {
        LearnedResponses learned = clicks(Map.of("gold|page/home/kitchen", new LearnedResponses.Counts(40, 12)));
        List<Placed> placed = learnt(List.of(GARDEN, PHOTO, KITCHEN), emptySession(), Map.of(), learned, Strategy.PERSONALISED);
        assertEquals(List.of("kitchen", "garden", "photo"), ids(placed));
        // posterior 13/60 over the prior's mean 0.05: lift 4.3; its excess (13/60 - 0.05) / 0.95 is the section's strength
        assertEquals((13.0 / 60 - 0.05) / 0.95, placed.get(0).score(), 1e-12);
        assertEquals("Clicked in 12 of 40 views of this page by visitors in segment gold: learned lift 4.3", placed.get(0).reason());
        assertEquals(3, placed.get(0).originalPosition());
        assertEquals(new Placed("garden", 2, 1, 0.0, PageOrder.NO_SIGNAL), placed.get(1));
    }

    @Test
    void aFewUnclickedImpressionsDoNotPushASectionBelowThePagesOwnOrder() {
        // garden was seen 3 times and never clicked: the Beta prior keeps it where the page put it
        LearnedResponses learned = clicks(Map.of("gold|page/home/garden", new LearnedResponses.Counts(3, 0),
                "gold|page/home/photo", new LearnedResponses.Counts(3, 0)));
        List<Placed> placed = learnt(List.of(GARDEN, KITCHEN), emptySession(), Map.of(), learned, Strategy.PERSONALISED);
        assertEquals(List.of(new Placed("garden", 1, 1, 0.0, PageOrder.NO_SIGNAL), new Placed("kitchen", 2, 2, 0.0, PageOrder.NO_SIGNAL)),
                placed);
        // a section something points at keeps its signal, scaled by its learned lift (1/23 over 0.05)
        List<Placed> viewed = learnt(List.of(GARDEN, PHOTO), viewing("sku-camera", CAMERA), Map.of(), learned, Strategy.PERSONALISED);
        assertEquals(List.of("photo", "garden"), ids(viewed));
        assertEquals(20.0 / 23, viewed.get(0).score(), 1e-12);
        assertEquals("Viewing Digital camera now (photo)", viewed.get(0).reason());
    }

    @Test
    void clicksWeighingLessThanTheEvidenceAddToItButLeaveItsReason() {
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-pan", "kitchen", 0.5, 2)));
        LearnedResponses learned = clicks(Map.of("gold|page/home/kitchen", new LearnedResponses.Counts(10, 2)));
        Placed kitchen = learnt(List.of(GARDEN, KITCHEN), viewing("sku-camera", CAMERA), neighbours, learned, Strategy.PERSONALISED)
                .get(0);
        assertEquals("kitchen", kitchen.id());
        assertEquals(1 - (1 - 0.4) * (1 - (3.0 / 30 - 0.05) / 0.95), kitchen.score(), 1e-12);
        assertEquals("Viewing Digital camera now: 50 % of baskets with it also hold sku-pan (kitchen)", kitchen.reason());
    }

    @Test
    void clicksWithoutTheirImpressionsCountAsViewsAndTheLiftIsOneDecimal() {
        LearnedResponses learned = clicks(Map.of("gold|page/home/photo", new LearnedResponses.Counts(0, 2)));
        Placed photo = learnt(List.of(GARDEN, PHOTO), emptySession(), Map.of(), learned, Strategy.PERSONALISED).get(0);
        assertEquals("photo", photo.id());
        assertEquals("Clicked in 2 of 2 views of this page by visitors in segment gold: learned lift 2.7", photo.reason());
    }

    @Test
    void countsOfAnotherSegmentOrAnotherPageAreNotThisVisitorsNorAreOffersOfTheSameName() {
        LearnedResponses learned = clicks(Map.of("silver|page/home/kitchen", new LearnedResponses.Counts(40, 30),
                "gold|page/other/kitchen", new LearnedResponses.Counts(40, 30), "gold|kitchen", new LearnedResponses.Counts(40, 30)));
        assertEquals(List.of("garden", "kitchen"),
                ids(learnt(List.of(GARDEN, KITCHEN), emptySession(), Map.of(), learned, Strategy.PERSONALISED)));
    }

    @Test
    void aControlArmGetsThePagesOwnOrderWhateverPointsElsewhere() {
        LearnedResponses learned = clicks(Map.of("gold|page/home/kitchen", new LearnedResponses.Counts(40, 30)));
        Strategy control = new Strategy(Strategy.Kind.CONTROL, Map.of(), 0.0);
        List<Placed> placed = learnt(List.of(GARDEN, PHOTO, KITCHEN), viewing("sku-camera", CAMERA), Map.of(), learned, control);
        assertEquals(List.of(new Placed("garden", 1, 1, 0.0, PageOrder.CONTROL), new Placed("photo", 2, 2, 0.0, PageOrder.CONTROL),
                new Placed("kitchen", 3, 3, 0.0, PageOrder.CONTROL)), placed);
        assertEquals("Control group: the page's own order, not personalised", PageOrder.CONTROL);
    }

    @Test
    void armsWithoutLearningOrWithoutCoPurchasesLeaveThoseOut() {
        LearnedResponses learned = clicks(Map.of("gold|page/home/garden", new LearnedResponses.Counts(40, 30)));
        Map<String, List<Neighbour>> neighbours = Map.of("sku-camera", List.of(neighbour("sku-pan", "kitchen", 0.5, 2)));
        Strategy noLearning = new Strategy(Strategy.Kind.NO_LEARNING, Map.of(), 0.0);
        List<Placed> unlearnt = learnt(List.of(GARDEN, KITCHEN, PHOTO), viewing("sku-camera", CAMERA), neighbours, learned, noLearning);
        assertEquals(List.of("photo", "kitchen", "garden"), ids(unlearnt));
        Strategy noCoPurchase = new Strategy(Strategy.Kind.NO_COPURCHASE, Map.of(), 0.0);
        List<Placed> direct = learnt(List.of(KITCHEN, PHOTO, GARDEN), viewing("sku-camera", CAMERA), neighbours, learned, noCoPurchase);
        assertEquals(List.of("photo", "garden", "kitchen"), ids(direct));
        assertEquals(0.0, placed(direct, "kitchen").score());
    }

    @Test
    void aSectionsCountsLiveUnderAKeyNoOfferIdCanBe() {
        assertEquals("page/home/veg", PageOrder.key("home", "veg"));
        assertTrue(PageOrder.isSectionKey("page/home/veg"));
        assertFalse(PageOrder.isSectionKey("page:home:veg"));
        assertFalse(PageOrder.isSectionKey("pagexhome"));
        assertEquals("click", PageOrder.RESPONSE);
        assertEquals(new PageOrder.Learning("page", Segments.ANONYMOUS, LearnedResponses.NONE, Strategy.PERSONALISED),
                PageOrder.Learning.NONE);
    }
}
