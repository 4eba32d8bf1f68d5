package dev.pertinence.page.service;

import dev.pertinence.decide.service.Gathering;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.identity.CustomerReference;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Orders a page's sections for one visitor: the same inputs as a decision, gathered the same way
 * ({@link Gathering}: the profile and purchases, the co-purchase neighbours of the evidence), then
 * {@link PageOrder}.
 */
@ApplicationScoped
public class PageLayouts {

    private final Gathering gathering;
    private final ScoringPolicy policy;
    private final Clock clock;

    public PageLayouts(Gathering gathering, ScoringPolicy policy, Clock clock) {
        this.gathering = gathering;
        this.policy = policy;
        this.clock = clock;
    }

    /** The order of the page for this visitor. */
    public record Layout(String customerId, List<PageOrder.Placed> sections, List<String> notes) {
    }

    /**
     * @param customer null for an anonymous visitor
     * @param cart     SKUs in the cart, distinct
     */
    public Uni<Layout> order(CustomerReference customer, List<PageOrder.Section> sections, List<String> cart,
                             String currentProduct) {
        Instant now = clock.instant();
        SessionContext context = new SessionContext("web", "page", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), cart,
                currentProduct, Map.of(), null, null, null, null);
        return gathering.forPage(customer, context, now).map(gathered -> {
            List<String> notes = gathered.notes("ordered", "session");
            if (gathered.degraded().contains("no_model")) {
                notes.add("Co-purchase model not available: ordered from the visitor's own categories only");
            } else if (gathered.degraded().contains("redis")) {
                notes.add("Co-purchase neighbours unavailable: ordered from the visitor's own categories only");
            }
            return new Layout(gathered.customerId(), PageOrder.order(sections, gathered.context(), gathered.history(),
                    gathered.neighbours(), now, policy), List.copyOf(notes));
        });
    }
}
