package dev.pertinence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerReferenceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cu-42                       | cu-42",
            "'  cu-42 '                  | cu-42",
            "Email: Jane.Doe@Example.COM | email:jane.doe@example.com",
            "email:jane.doe@example.com  | email:jane.doe@example.com",
            "phone:06 12 34 56 78        | phone:+33612345678",
            "phone:+33 (0)6-12-34-56-78  | phone:+33612345678",
            "phone:0033612345678         | phone:+33612345678",
            "phone:+1 415.555.0100       | phone:+14155550100",
            "loyalty:4971 2233-ab        | loyalty:49712233AB",
            "device:AbC-123              | device:AbC-123",
            "cookie:3f2a9c              | cookie:3f2a9c",
            "crm:SF-0042                 | crm:SF-0042",
            "store:12                    | store:12",
    })
    void everySpellingOfAnIdentifierIsOneReference(String raw, String key) {
        assertEquals(key, CustomerReference.parse(raw, "33").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"email:not-an-email", "email:a@b", "email:two@@example.com", "phone:12", "phone:+0612345678",
            "phone:abc", "loyalty:12", "loyalty:ab_cd", "device:with space", "cookie:", " "})
    void malformedIdentifiersAreRefusedWithAReason(String raw) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CustomerReference.parse(raw, "33"));
        assertFalse(refused.getMessage().contains("null"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone:0612345678", "phone:06 12 34 56 78"})
    void aNationalNumberNeedsADefaultCountry(String raw) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CustomerReference.parse(raw, null))
                .getMessage().contains("+<country code>"));
    }

    @org.junit.jupiter.api.Test
    void aPlainIdIsNotAnIdentifier() {
        assertFalse(CustomerReference.parse("cu-1", "33").isIdentifier());
        assertTrue(CustomerReference.parse("email:a@b.fr", "33").isIdentifier());
    }
}
