package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each decision is attributed to one segment, so that figures per segment add up to the whole. */
class SegmentsTest {

    private static CustomerProfile in(List<String> segments) {
        return new CustomerProfile("c1", null, null, null, null, null, null, segments, null, null, null);
    }

    @Test
    void theFirstSegmentIsTheMostImportant() {
        assertEquals("gold", Segments.of(in(List.of("gold", "family"))));
    }

    @Test
    void aCustomerWithoutSegmentsIsInNoneAndAVisitorIsAnonymous() {
        assertEquals("none", Segments.of(in(List.of())));
        assertEquals("none", Segments.of(in(null)));
        assertEquals("anonymous", Segments.of(null));
    }
}
