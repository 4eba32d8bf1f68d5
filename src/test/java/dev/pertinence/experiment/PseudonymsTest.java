package dev.pertinence.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final String KEY = "a-test-key-that-is-32-characters-long";

    @Test
    void thePseudonymIsTheFirst64BitsOfHmacSha256OfExperimentAndUnit() {
        // computed independently: python3 hmac.new(KEY, b"exp-1\0customer:c-42", hashlib.sha256).digest()[:8], big-endian, signed
        Pseudonyms pseudonyms = new Pseudonyms(KEY);
        assertEquals(3354498842559934250L, pseudonyms.of("exp-1", "customer:c-42"));
        assertEquals(-4043057367431862101L, pseudonyms.of("exp-1", "customer:email:jane@example.com"));
        assertEquals(3643978591772848061L, pseudonyms.of("exp-2", "customer:c-42"), "another experiment, another pseudonym");
        assertEquals(pseudonyms.of("exp-1", "customer:c-42"), pseudonyms.of("exp-1", "customer:c-42"), "stable");
    }

    @Test
    void withoutTheKeyThePseudonymIsNotTheHashAnyoneCanCompute() {
        Pseudonyms pseudonyms = new Pseudonyms(KEY);
        assertNotEquals(Assignment.hash("exp-1", "customer:c-42"), pseudonyms.of("exp-1", "customer:c-42"));
        assertNotEquals(pseudonyms.of("exp-1", "customer:c-42"),
                new Pseudonyms(KEY.replace('a', 'b')).of("exp-1", "customer:c-42"), "another key, another pseudonym");
        // erasure looks for both: the keyed one, and the unkeyed hash decisions recorded before the key carry
        assertArrayEquals(new long[] {3354498842559934250L, -3587420054886184540L}, pseudonyms.everyForm("exp-1", "customer:c-42"));
    }

    @Test
    void theArmStillComesFromTheUnkeyedHashAndTheAssignmentKeepsItsUnit() {
        Experiment experiment = AssignmentTest.experiment("exp-1", 5000, 5000);
        Assignment assignment = experiment.assign("customer:c-42");
        assertEquals("arm-1", assignment.arm().name()); // bucket 7076 of SHA-256, as AssignmentTest pins
        assertEquals("customer:c-42", assignment.unit());
    }

    @Test
    void aShortOrMissingKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Pseudonyms(null));
        assertThrows(IllegalArgumentException.class, () -> new Pseudonyms(""));
        assertThrows(IllegalArgumentException.class, () -> new Pseudonyms("x".repeat(Pseudonyms.MIN_KEY_LENGTH - 1)));
        assertEquals(Pseudonyms.MIN_KEY_LENGTH, 32);
    }
}
