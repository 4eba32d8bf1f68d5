package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pertinence.decision.MessageFields.Reliability;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFieldsTest {

    private static CustomerProfile person(String first, String last, String gender, Map<String, String> reliability) {
        return new CustomerProfile("c", first, last, gender, LocalDate.of(1985, 4, 12), null, null, List.of(), "gold", 1200,
                "st-lyon", List.of(), reliability);
    }

    @Test
    void aFullyKnownPersonIsGreetedWithTheirTitle() {
        MessageFields fields = MessageFields.of(person("Jeanne", "Rousseau", "female", Map.of()), Reliability.DECLARED, null);
        assertEquals("Dear Ms Rousseau", fields.customer().get("greeting"));
        assertEquals("Jeanne", fields.customer().get("firstName"));
        assertEquals("Jeanne Rousseau", fields.customer().get("fullName"));
        assertEquals("1,200 points", fields.customer().get("points"));
        assertEquals("gold", fields.customer().get("tier"));
        assertEquals("st-lyon", fields.customer().get("homeStore"));
        assertEquals(MessageFields.NO_MOMENT, fields.moment());
    }

    @Test
    void eachFieldHasItsOwnFallback() {
        MessageFields nobody = MessageFields.of(null, Reliability.DECLARED, null);
        assertEquals(Map.of("greeting", "Dear customer", "firstName", "valued customer", "fullName", "valued customer",
                "tier", "valued", "points", "your points", "homeStore", "your nearest store"), nobody.customer());
        assertEquals("a moment that matters", nobody.moment());
        assertEquals(nobody, MessageFields.neutral());
        assertEquals("Birthday in 3 days", MessageFields.of(null, Reliability.DECLARED, "Birthday in 3 days").moment());
    }

    @Test
    void everyMissingFieldHasANeutralFallbackAndNoneIsEverEmpty() {
        for (CustomerProfile nobody : new CustomerProfile[] {null, person(null, null, null, Map.of()), person(" ", "", null, Map.of())}) {
            MessageFields fields = MessageFields.of(nobody, Reliability.DECLARED, null);
            if (nobody == null) {
                assertEquals(MessageFields.FALLBACKS, fields.customer());
            }
            assertEquals("Dear customer", fields.customer().get("greeting"));
            assertEquals("valued customer", fields.customer().get("firstName"));
            fields.customer().values().forEach(value -> assertFalse(value.isBlank() || value.contains("null"), value));
        }
    }

    @Test
    void noTitleWithoutAReliableGenderAndNoFieldBelowTheRequiredReliability() {
        assertEquals("Dear Jeanne Rousseau", MessageFields.of(person("Jeanne", "Rousseau", null, Map.of()), Reliability.DECLARED, null)
                .customer().get("greeting"), "gender unknown: no title");
        MessageFields inferredGender = MessageFields.of(person("Jeanne", "Rousseau", "female", Map.of("gender", "inferred")),
                Reliability.DECLARED, null);
        assertEquals("Dear Jeanne Rousseau", inferredGender.customer().get("greeting"), "an inferred gender may be wrong: no title");
        MessageFields strict = MessageFields.of(person("Jeanne", "Rousseau", "female", Map.of("firstName", "verified")),
                Reliability.VERIFIED, null);
        assertEquals("Jeanne", strict.customer().get("firstName"));
        assertEquals("Jeanne", strict.customer().get("fullName"), "the last name is only declared");
        assertEquals("Dear Jeanne", strict.customer().get("greeting"));
        assertEquals("your points", strict.customer().get("points"));
        assertEquals("Dear Ms Rousseau", MessageFields.of(person("Jeanne", "Rousseau", "female", Map.of("gender", "inferred")),
                Reliability.INFERRED, "x").customer().get("greeting"), "the offer accepts inferred fields");
    }

    @Test
    void inAStoreTheMessageNamesItAndElsewhereSaysOurStore() {
        MessageFields fields = MessageFields.of(null, Reliability.DECLARED, null);
        assertEquals(Map.of("name", "our store"), fields.store());
        assertEquals(Map.of("name", "Lyon Part-Dieu"), fields.inStore("  Lyon Part-Dieu ").store());
        assertEquals(fields.customer(), fields.inStore("Lyon Part-Dieu").customer(), "the person's fields are unchanged");
        assertEquals(fields, fields.inStore(null));
        assertEquals(fields, fields.inStore("   "));
    }
}
