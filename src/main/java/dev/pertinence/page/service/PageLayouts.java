package dev.pertinence.page.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decide.service.Gathering;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.page.rest.PageLayout;
import dev.pertinence.page.rest.PageLayoutRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a page's sections for one visitor: the same inputs as a decision, gathered the same way
 * ({@link Gathering}: the profile and purchases, the co-purchase neighbours of the evidence), then
 * {@link PageOrder}.
 */
@ApplicationScoped
public class PageLayouts {

    private final CustomerResolver resolver;
    private final Gathering gathering;
    private final ScoringPolicy policy;
    private final Clock clock;

    public PageLayouts(CustomerResolver resolver, Gathering gathering, ScoringPolicy policy, Clock clock) {
        this.resolver = resolver;
        this.gathering = gathering;
        this.policy = policy;
        this.clock = clock;
    }

    public Uni<PageLayout> order(PageLayoutRequest request) {
        List<PageOrder.Section> sections = sections(request.sections());
        CustomerReference customer = request.customerId() == null ? null : resolver.parse(request.customerId(), "customerId");
        Instant now = clock.instant();
        return gathering.forPage(customer, context(request, now), now).map(gathered -> {
            List<String> notes = gathered.notes("ordered", "session");
            if (gathered.degraded().contains("no_model")) {
                notes.add("Co-purchase model not available: ordered from the visitor's own categories only");
            } else if (gathered.degraded().contains("redis")) {
                notes.add("Co-purchase neighbours unavailable: ordered from the visitor's own categories only");
            }
            List<PageOrder.Placed> placed = PageOrder.order(sections, gathered.context(), gathered.history(),
                    gathered.neighbours(), now, policy);
            return new PageLayout(gathered.customerId(), placed.stream().map(p -> new PageLayout.Section(p.id(), p.position(),
                    p.originalPosition(), p.score(), p.reason())).toList(), List.copyOf(notes));
        });
    }

    private static SessionContext context(PageLayoutRequest request, Instant now) {
        List<String> cart = request.cart() == null ? List.of() : request.cart().stream().distinct().toList();
        return new SessionContext("web", "page", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), cart,
                request.currentProduct(), Map.of(), null, null, null, null);
    }

    /** Each section's topics; a section without any, or an id given twice, is a 400 naming it. */
    static List<PageOrder.Section> sections(List<PageLayoutRequest.Section> given) {
        List<PageOrder.Section> sections = new ArrayList<>(given.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            PageLayoutRequest.Section section = given.get(i);
            Set<String> topics = new LinkedHashSet<>();
            if (section.category() != null && !section.category().isBlank()) {
                topics.add(section.category().trim());
            }
            if (section.tags() != null) {
                section.tags().forEach(tag -> topics.add(tag.trim()));
            }
            if (topics.isEmpty()) {
                throw ClientProblem.invalid("sections[" + i + "]", "sections[" + i + "]: give a category or tags");
            }
            if (!ids.add(section.id())) {
                throw ClientProblem.invalid("sections[" + i + "].id", "sections[" + i + "].id: '" + section.id() + "' is given twice");
            }
            sections.add(new PageOrder.Section(section.id(), Set.copyOf(topics)));
        }
        return sections;
    }
}
