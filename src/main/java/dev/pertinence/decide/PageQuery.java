package dev.pertinence.decide;

import dev.pertinence.decision.PageOrder;
import dev.pertinence.identity.CustomerReference;
import java.util.List;

/**
 * A page layout request in domain terms: who (a customer as the caller named them, normalised; null for an
 * anonymous visitor, whom {@code visitorId} keeps in one experiment arm when given), which page (its
 * placement on channel web), its sections in the page's own order, and the session (cart, distinct; the
 * product viewed, or null).
 */
public record PageQuery(CustomerReference customer, String visitorId, String page, List<PageOrder.Section> sections,
                        List<String> cart, String currentProduct) {

    public static final String CHANNEL = "web";

    public PageQuery {
        sections = List.copyOf(sections);
        cart = List.copyOf(cart);
    }

    /** The keys the sections' learned counts live under on this page. */
    public List<String> learnedKeys() {
        return sections.stream().map(section -> PageOrder.key(page, section.id())).toList();
    }
}
