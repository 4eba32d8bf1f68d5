package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.bought;
import static dev.pertinence.decision.Fixtures.emptySession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pertinence.copurchase.Popularity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleInputsTest {

    @Test
    void exposesKnownFieldsOnlyAndListsAlways() {
        CustomerProfile profile = new CustomerProfile("c1", null, "Rousseau", null, LocalDate.parse("1985-11-25"),
                null, null, List.of("gold"), null, 10, null);
        RuleVariables variables = RuleInputs.of(new Snapshot(NOW, profile,
                List.of(bought("sku-camera", "Camera", "photo", 3), bought("sku-sd", "SD card", "storage", 10),
                        bought("sku-camera", "Camera", "photo", 40)),
                emptySession(), Map.of(), true, Fixtures.candidates(List.of(), Popularity.NONE), 3, false, false,
                ContactHistory.NONE, LearnedResponses.NONE));
        assertEquals(true, variables.customer().get("known"));
        assertFalse(variables.customer().containsKey("firstName"));
        assertEquals(40L, variables.customer().get("age")); // the 41st birthday is tomorrow
        assertEquals(10L, variables.customer().get("loyaltyPoints"));
        assertEquals(List.of("sku-camera", "sku-sd"), variables.history().get("skus"));
        assertEquals(Map.of("photo", 3L, "storage", 10L), variables.history().get("daysSinceCategory"));
        assertEquals(3L, variables.history().get("count"));
        assertEquals(18L, variables.context().get("hour"));
        assertEquals(List.of(), variables.context().get("cart"));
    }

    @Test
    void anAnonymousVisitorIsUnknownWithNoSegments() {
        RuleVariables variables = RuleInputs.of(new Snapshot(NOW, null, List.of(), emptySession(), Map.of(),
                true, Fixtures.candidates(List.of(), Popularity.NONE), 3, false, false,
                ContactHistory.NONE, LearnedResponses.NONE));
        assertEquals(Map.of("known", false, "segments", List.of()), variables.customer());
        assertEquals(List.of(), variables.history().get("skus"));
    }
}
