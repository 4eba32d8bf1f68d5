package dev.pertinence.decide.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pertinence.decide.PageQuery;
import dev.pertinence.decision.PageOrder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A kept layout is given back only for the same set-up: free-text tags must not make two set-ups read alike. */
class LayoutFingerprintTest {

    private static PageQuery page(List<PageOrder.Section> sections, List<String> cart, String product) {
        return new PageQuery(null, null, "home", sections, cart, product);
    }

    @Test
    void oneTagWithACommaIsNotTwoTags() {
        var one = page(List.of(new PageOrder.Section("s", Set.of("x, y"))), List.of(), null);
        var two = page(List.of(new PageOrder.Section("s", Set.of("x", "y"))), List.of(), null);
        assertNotEquals(RecentAnswers.fingerprint(one), RecentAnswers.fingerprint(two));
    }

    @Test
    void sectionsCartAndProductEachCount() {
        var base = page(List.of(new PageOrder.Section("a", Set.of("t")), new PageOrder.Section("b", Set.of("u"))), List.of("c1"), "p");
        assertEquals(RecentAnswers.fingerprint(base), RecentAnswers.fingerprint(
                page(List.of(new PageOrder.Section("a", Set.of("t")), new PageOrder.Section("b", Set.of("u"))), List.of("c1"), "p")));
        // the order of a section's topics does not matter, the order of the sections does
        assertEquals(RecentAnswers.fingerprint(page(List.of(new PageOrder.Section("a", Set.of("t", "v"))), List.of(), null)),
                RecentAnswers.fingerprint(page(List.of(new PageOrder.Section("a", Set.of("v", "t"))), List.of(), null)));
        assertNotEquals(RecentAnswers.fingerprint(base), RecentAnswers.fingerprint(
                page(List.of(new PageOrder.Section("b", Set.of("u")), new PageOrder.Section("a", Set.of("t"))), List.of("c1"), "p")));
        assertNotEquals(RecentAnswers.fingerprint(base), RecentAnswers.fingerprint(
                page(List.of(new PageOrder.Section("a", Set.of("t")), new PageOrder.Section("b", Set.of("u"))), List.of(), "p")));
        assertNotEquals(RecentAnswers.fingerprint(base), RecentAnswers.fingerprint(
                page(List.of(new PageOrder.Section("a", Set.of("t")), new PageOrder.Section("b", Set.of("u"))), List.of("c1"), null)));
        // a section id that looks like a topic list is still a section id
        assertNotEquals(RecentAnswers.fingerprint(page(List.of(new PageOrder.Section("a", Set.of("t"))), List.of(), null)),
                RecentAnswers.fingerprint(page(List.of(new PageOrder.Section("a,t1:t", Set.of("t"))), List.of(), null)));
    }
}
