package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistinctStringsTest {

    @Test
    void keepsTheFirstOfEachInOrderAndAnswersMembershipFromItsSet() {
        DistinctStrings skus = DistinctStrings.of(Arrays.asList("b", "a", null, "b", "c", "a").stream());
        assertEquals(List.of("b", "a", "c"), skus);
        assertEquals(3, skus.size());
        assertEquals("c", skus.get(2));
        assertTrue(skus.contains("a"));
        assertFalse(skus.contains("d"));
        assertFalse(skus.contains(null), "nulls are left out");
        assertFalse(skus.contains(1L));
        assertThrows(UnsupportedOperationException.class, () -> skus.add("e"));
        assertThrows(IndexOutOfBoundsException.class, () -> skus.get(3));
    }

    @Test
    void isEmptyForNothing() {
        assertTrue(DistinctStrings.of(java.util.stream.Stream.empty()).isEmpty());
    }
}
