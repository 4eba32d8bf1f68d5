package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.bought;
import static dev.pertinence.decision.Fixtures.emptySession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pertinence.decision.Popularity;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code customer}, {@code context} and {@code history} variables a rule reads, as docs/rules.md
 * lists them: unknown fields absent, lists always present, integers as longs (CEL's int).
 */
class RuleInputsTest {

    /** Everything known: every documented {@code customer} key is present. */
    private static final CustomerProfile JEANNE = new CustomerProfile("c1", "Jeanne", "Rousseau", "female",
            LocalDate.parse("1985-11-25"), "Auvergne-Rhône-Alpes", "69002", List.of("gold", "family"), "platinum", 1200,
            "st-lyon");

    private static Snapshot snapshot(CustomerProfile customer, List<PastPurchase> history, SessionContext context) {
        return new Snapshot(NOW, customer, history, context, Map.of(), true, Fixtures.candidates(List.of(), Popularity.NONE),
                3, false, false, ContactHistory.NONE, LearnedResponses.NONE);
    }

    private static RuleVariables variables(CustomerProfile customer, List<PastPurchase> history, SessionContext context) {
        return RuleInputs.of(snapshot(customer, history, context));
    }

    private static PastPurchase line(String sku, String category, Duration ago, int quantity, Double amount) {
        return new PastPurchase(sku, "Name " + sku, category, NOW.minus(ago), quantity, amount);
    }

    // --- customer ---

    @Test
    void aKnownCustomerShowsEveryKnownFieldWithIntegersAsLongs() {
        Map<String, Object> customer = variables(JEANNE, List.of(), emptySession()).customer();
        Map<String, Object> expected = new HashMap<>();
        expected.put("known", true);
        expected.put("segments", List.of("gold", "family"));
        expected.put("id", "c1");
        expected.put("firstName", "Jeanne");
        expected.put("lastName", "Rousseau");
        expected.put("gender", "female");
        expected.put("region", "Auvergne-Rhône-Alpes");
        expected.put("postalCode", "69002");
        expected.put("loyaltyTier", "platinum");
        expected.put("homeStore", "st-lyon");
        expected.put("loyaltyPoints", 1200L);
        expected.put("birthDate", "1985-11-25");
        expected.put("age", 40L);
        assertEquals(expected, customer);
        assertInstanceOf(Long.class, customer.get("loyaltyPoints"));
        assertInstanceOf(Long.class, customer.get("age"));
    }

    @Test
    void aKnownCustomerWithNothingElseKnownHasOnlyIdKnownAndSegments() {
        CustomerProfile bare = new CustomerProfile("c2", null, null, null, null, null, null, null, null, null, null);
        assertEquals(Map.of("known", true, "segments", List.of(), "id", "c2"), variables(bare, List.of(), emptySession()).customer());
    }

    @Test
    void anAnonymousVisitorIsUnknownWithNoSegmentsAndNothingElse() {
        RuleVariables variables = variables(null, List.of(), emptySession());
        assertEquals(Map.of("known", false, "segments", List.of()), variables.customer());
    }

    @ParameterizedTest(name = "born {0}, on {1} (UTC): {2} years old")
    @CsvSource({
        "1985-11-25, 2026-11-24T18:00:00Z, 40", // the 41st birthday is tomorrow
        "1985-11-25, 2026-11-24T23:59:59Z, 40",
        "1985-11-25, 2026-11-25T00:00:00Z, 41", // the day itself, in UTC
        "2000-02-29, 2027-02-28T12:00:00Z, 26", // no 29 February this year: not yet 27
        "2000-02-29, 2027-03-01T12:00:00Z, 27",
        "2026-11-24, 2026-11-24T12:00:00Z, 0"})
    void ageIsInWholeYearsOnTheDecisionsUtcDate(LocalDate birthDate, String now, long age) {
        CustomerProfile born = new CustomerProfile("c3", null, null, null, birthDate, null, null, List.of(), null, null, null);
        Snapshot snapshot = new Snapshot(java.time.Instant.parse(now), born, List.of(), emptySession(), Map.of(), true,
                Fixtures.candidates(List.of(), Popularity.NONE), 3, false, false, ContactHistory.NONE, LearnedResponses.NONE);
        Map<String, Object> customer = RuleInputs.of(snapshot).customer();
        assertEquals(age, customer.get("age"));
        assertEquals(birthDate.toString(), customer.get("birthDate"));
    }

    // --- context ---

    @Test
    void theContextGivesTheMomentInTheCallersLocalTimeAsLongs() {
        // 18:00 UTC on Tuesday 24 November is 02:00 on Wednesday 25 November in Singapore
        ZonedDateTime local = NOW.atZone(java.time.ZoneId.of("Asia/Singapore"));
        SessionContext context = new SessionContext("app", "checkout", local, List.of(), null, Map.of(), null, null, null, null);
        Map<String, Object> variables = variables(null, List.of(), context).context();
        assertEquals(Map.of("channel", "app", "placement", "checkout", "hour", 2L, "dayOfWeek", 3L, "month", 11L,
                "cart", List.of(), "cartCategories", List.of(), "hasLocation", false), variables);
    }

    @Test
    void mondayIsOneAndDecemberIsTwelve() {
        ZonedDateTime monday = ZonedDateTime.of(2026, 12, 7, 0, 30, 0, 0, ZoneOffset.UTC);
        Map<String, Object> context = variables(null, List.of(), SessionContext.at("web", "home", monday)).context();
        assertEquals(1L, context.get("dayOfWeek"));
        assertEquals(12L, context.get("month"));
        assertEquals(0L, context.get("hour"));
    }

    @Test
    void theCartsCategoriesAreDistinctInCartOrderAndSkipUnknownProducts() {
        Map<String, SessionContext.ProductInfo> products = Map.of(
                "sku-pan", new SessionContext.ProductInfo("Pan", "kitchen"),
                "sku-camera", new SessionContext.ProductInfo("Camera", "photo"),
                "sku-pot", new SessionContext.ProductInfo("Pot", "kitchen"),
                "sku-nameless", new SessionContext.ProductInfo(null, null));
        SessionContext cart = new SessionContext("web", "cart", NOW.atZone(ZoneOffset.UTC),
                List.of("sku-pan", "sku-unknown", "sku-camera", "sku-pot", "sku-nameless"), null, products, null, null, null, null);
        Map<String, Object> context = variables(null, List.of(), cart).context();
        assertEquals(List.of("sku-pan", "sku-unknown", "sku-camera", "sku-pot", "sku-nameless"), context.get("cart"));
        assertEquals(List.of("kitchen", "photo"), context.get("cartCategories"));
    }

    @Test
    void theViewedProductItsCategoryTheStoreTheDeviceAndALocationAppearWhenGiven() {
        SessionContext context = new SessionContext("store", "aisle", NOW.atZone(ZoneOffset.UTC), List.of(), "sku-camera",
                Map.of("sku-camera", new SessionContext.ProductInfo("Camera", "photo")), 45.76, 4.83, "st-lyon", "kiosk");
        Map<String, Object> variables = variables(null, List.of(), context).context();
        assertEquals("sku-camera", variables.get("currentProduct"));
        assertEquals("photo", variables.get("currentCategory"));
        assertEquals("st-lyon", variables.get("storeId"));
        assertEquals("kiosk", variables.get("device"));
        assertEquals(true, variables.get("hasLocation"));
    }

    @Test
    void aViewedProductOfUnknownCategoryHasNoCurrentCategory() {
        Map<String, Object> context = variables(null, List.of(), Fixtures.session(List.of(), "sku-mystery", Map.of())).context();
        assertEquals("sku-mystery", context.get("currentProduct"));
        assertFalse(context.containsKey("currentCategory"));
    }

    @Test
    void nothingViewedNoStoreNoDeviceAndNoLocationAreAbsentOrFalse() {
        Map<String, Object> context = variables(null, List.of(), emptySession()).context();
        for (String absent : List.of("currentProduct", "currentCategory", "storeId", "device")) {
            assertFalse(context.containsKey(absent), absent);
        }
        assertEquals(false, context.get("hasLocation"));
    }

    // --- history ---

    @Test
    void anEmptyHistoryStillHasEveryKeyWithEmptyListsAndZeroes() {
        Map<String, Object> history = variables(null, List.of(), emptySession()).history();
        assertEquals(Map.of("skus", List.of(), "categories", List.of(), "daysSinceSku", Map.of(), "daysSinceCategory", Map.of(),
                "purchases", List.of(), "count", 0L, "totalSpent", 0.0), Map.copyOf(history));
        assertEquals(List.of("skus", "categories", "daysSinceSku", "daysSinceCategory", "purchases", "count", "totalSpent"),
                List.copyOf(history.keySet()));
    }

    @Test
    void skusAndCategoriesAreDistinctNewestFirstAndSkipUnknownCategories() {
        List<PastPurchase> history = List.of(bought("sku-camera", "Camera", "photo", 3), bought("sku-pan", "Pan", null, 5),
                bought("sku-sd", "SD card", "storage", 10), bought("sku-camera", "Camera", "photo", 40));
        Map<String, Object> variables = variables(null, history, emptySession()).history();
        assertEquals(List.of("sku-camera", "sku-pan", "sku-sd"), variables.get("skus"));
        assertEquals(List.of("photo", "storage"), variables.get("categories"));
        assertEquals(4L, variables.get("count"));
    }

    @Test
    void daysSinceAreThoseOfTheLatestPurchaseOfEachSkuAndCategory() {
        // newest first: the camera 3 and 40 days ago, a pan of no known category 5 days ago, an SD card 10 days ago
        List<PastPurchase> history = List.of(bought("sku-camera", "Camera", "photo", 3), bought("sku-pan", "Pan", null, 5),
                bought("sku-sd", "SD card", "storage", 10), bought("sku-camera", "Camera", "photo", 40));
        Map<String, Object> variables = variables(null, history, emptySession()).history();
        assertEquals(Map.of("sku-camera", 3L, "sku-pan", 5L, "sku-sd", 10L), variables.get("daysSinceSku"));
        assertEquals(Map.of("photo", 3L, "storage", 10L), variables.get("daysSinceCategory"));
    }

    @ParameterizedTest(name = "bought {0} hours ago: {1} days ago")
    @CsvSource({"0, 0", "23, 0", "24, 1", "47, 1", "48, 2", "-5, 0", "-100, 0"})
    void daysAgoAreWholeDaysAndNeverNegative(long hoursAgo, long daysAgo) {
        // a purchase stamped after the decision (clock skew between systems) is "today", not -1
        List<PastPurchase> history = List.of(line("sku-a", "cat-a", Duration.ofHours(hoursAgo), 1, 5.0));
        Map<String, Object> variables = variables(null, history, emptySession()).history();
        assertEquals(Map.of("sku-a", daysAgo), variables.get("daysSinceSku"));
        assertEquals(Map.of("cat-a", daysAgo), variables.get("daysSinceCategory"));
        assertEquals(daysAgo, purchases(variables).get(0).get("daysAgo"));
    }

    @Test
    void eachPurchaseLineIsAMapWithCategoryAndAmountOnlyWhenKnown() {
        List<PastPurchase> history = List.of(line("sku-camera", "photo", Duration.ofDays(2), 2, 399.0),
                line("sku-gift", null, Duration.ofDays(9), 1, null));
        List<Map<String, Object>> purchases = purchases(variables(null, history, emptySession()).history());
        assertEquals(List.of(
                Map.of("sku", "sku-camera", "daysAgo", 2L, "quantity", 2L, "category", "photo", "amount", 399.0),
                Map.of("sku", "sku-gift", "daysAgo", 9L, "quantity", 1L)), purchases);
        assertInstanceOf(Long.class, purchases.get(0).get("quantity"));
        assertInstanceOf(Long.class, purchases.get(0).get("daysAgo"));
    }

    @Test
    void totalSpentSumsTheKnownAmountsOnly() {
        List<PastPurchase> history = List.of(line("a", null, Duration.ofDays(1), 1, 12.5),
                line("b", null, Duration.ofDays(2), 3, null), line("c", null, Duration.ofDays(3), 1, 7.25));
        Map<String, Object> variables = variables(null, history, emptySession()).history();
        assertEquals(19.75, variables.get("totalSpent"));
        assertEquals(3L, variables.get("count"));
    }

    @Test
    void theThreeVariablesAreNamedAsRulesReadThem() {
        RuleVariables variables = variables(JEANNE, List.of(), emptySession());
        Map<String, Object> all = variables.asMap();
        assertEquals(List.of("context", "customer", "history"), all.keySet().stream().sorted().toList());
        assertEquals(variables.customer(), all.get("customer"));
        assertEquals(variables.context(), all.get("context"));
        assertEquals(variables.history(), all.get("history"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> purchases(Map<String, Object> history) {
        return (List<Map<String, Object>>) history.get("purchases");
    }
}
