package dev.pertinence.page.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.Neighbour;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.copurchase.store.NeighbourCache;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decide.service.ScoringPolicies;
import dev.pertinence.decide.store.DecisionInputs;
import dev.pertinence.decide.store.DecisionInputsReader;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.page.rest.PageLayout;
import dev.pertinence.page.rest.PageLayoutRequest;
import dev.pertinence.product.store.ProductDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a page's sections for one visitor: the same inputs as a decision (profile and purchases
 * in one statement, the co-purchase neighbours of the evidence), then {@link PageOrder}.
 */
@ApplicationScoped
public class PageLayouts {

    private final CustomerResolver resolver;
    private final DecisionInputsReader reader;
    private final NeighbourCache neighbours;
    private final ActiveModel model;
    private final ProductDirectory products;
    private final ConsentPolicy consents;
    private final ScoringPolicy policy;
    private final Clock clock;

    public PageLayouts(CustomerResolver resolver, DecisionInputsReader reader, NeighbourCache neighbours, ActiveModel model,
                       ProductDirectory products, ConsentPolicy consents, PertinenceConfig config, Clock clock) {
        this.resolver = resolver;
        this.reader = reader;
        this.neighbours = neighbours;
        this.model = model;
        this.products = products;
        this.consents = consents;
        this.policy = ScoringPolicies.from(config);
        this.clock = clock;
    }

    public Uni<PageLayout> order(PageLayoutRequest request) {
        List<PageOrder.Section> sections = sections(request.sections());
        CustomerReference customer = request.customerId() == null ? null : resolver.parse(request.customerId(), "customerId");
        List<String> notes = new ArrayList<>();
        Uni<DecisionInputs> inputs = customer == null ? Uni.createFrom().item(DecisionInputs.NONE)
                : Uni.createFrom().completionStage(() -> reader.read(customer.key()).toCompletionStage())
                        .onFailure().recoverWithItem(failure -> {
                            notes.add("Profile and purchases unavailable: ordered from the session only");
                            return DecisionInputs.NONE;
                        });
        return inputs.chain(found -> {
            List<PastPurchase> history = found.history();
            if (customer != null && found.customer() == null && notes.isEmpty()) {
                notes.add("Unknown customer: ordered as for an anonymous visitor");
            }
            String refusal = found.customer() == null ? null : consents.profilingRefusal(found.consents());
            if (refusal != null) {
                history = List.of();
                notes.add(refusal + ": ordered from the session only");
            }
            Instant now = clock.instant();
            SessionContext context = context(request, now);
            List<PastPurchase> evidence = history;
            List<String> skus = PageOrder.evidenceSkus(context, evidence, now, policy);
            ActiveModel.Current current = model.current();
            if (!current.present()) {
                notes.add("Co-purchase model not available: ordered from the visitor's own categories only");
            }
            Uni<Map<String, List<Neighbour>>> reached = !current.present() || skus.isEmpty() ? Uni.createFrom().item(Map.of())
                    : neighbours.neighbours(current.version(), skus).onFailure().recoverWithItem(failure -> {
                        notes.add("Co-purchase neighbours unavailable: ordered from the visitor's own categories only");
                        return Map.of();
                    });
            return reached.map(neighboursOf -> {
                List<PageOrder.Placed> placed = PageOrder.order(sections, context, evidence, neighboursOf, now, policy);
                return new PageLayout(found.customer() == null ? null : found.customer().id(),
                        placed.stream().map(p -> new PageLayout.Section(p.id(), p.position(), p.originalPosition(), p.score(),
                                p.reason())).toList(), List.copyOf(notes));
            });
        });
    }

    private SessionContext context(PageLayoutRequest request, Instant now) {
        List<String> cart = request.cart() == null ? List.of() : request.cart().stream().distinct().toList();
        Map<String, SessionContext.ProductInfo> known = new HashMap<>();
        List<String> session = new ArrayList<>(cart);
        if (request.currentProduct() != null) {
            session.add(request.currentProduct());
        }
        for (String sku : session) {
            SessionContext.ProductInfo info = products.get(sku);
            if (info != null) {
                known.put(sku, info);
            }
        }
        return new SessionContext("web", "page", ZonedDateTime.ofInstant(now, ZoneOffset.UTC), cart,
                request.currentProduct(), known, null, null, null, null);
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
