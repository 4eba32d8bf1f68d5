package dev.pertinence.page.rest;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.decide.PageQuery;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.page.service.PageLayouts;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/page-layouts")
@Tag(name = "Decisions")
@RolesAllowed(Roles.DECISION_CLIENT)
public class PageLayoutResource {

    private final PageLayouts layouts;
    private final CustomerResolver resolver;

    public PageLayoutResource(PageLayouts layouts, CustomerResolver resolver) {
        this.layouts = layouts;
        this.resolver = resolver;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "orderPageLayout", summary = "Order a page's sections for this visitor",
            description = "The same sections, ordered by how much the visitor's purchases (known customer, with consent to "
                    + "profiling), cart and viewed product point at each section's category or tags, directly or through "
                    + "co-purchases, and by how often visitors of their segment clicked each section on this page (learned "
                    + "lift); each with its score and reason. Sections nothing points at keep the page's order, last. "
                    + "Recorded as a decision (channel web, placement the page) under decisionId: section impressions and "
                    + "clicks are its outcomes (offerId: the section's id), GET /v1/decisions/{decisionId} reads it back, an "
                    + "experiment on web and the page splits visitors into arms (a control arm gets the page's own order). "
                    + "The same customer asking again for the same page, sections, cart and product within the refresh "
                    + "window gets the same layout (same decisionId); an anonymous visitor gets a new one each time. "
                    + "dryRun: the same order, recorded, kept and learnt from nowhere.")
    @APIResponse(responseCode = "200", description = "The sections in this visitor's order")
    public Uni<PageLayout> order(@NotNull @Valid PageLayoutRequest body) {
        List<PageOrder.Section> sections = sections(body.sections());
        CustomerReference customer = body.customerId() == null ? null : resolver.parse(body.customerId(), "customerId");
        boolean dryRun = Boolean.TRUE.equals(body.dryRun());
        PageQuery query = new PageQuery(customer, customer == null ? body.visitorId() : null,
                body.page() == null ? PageLayoutRequest.DEFAULT_PAGE : body.page(), sections,
                body.cart() == null ? List.of() : body.cart().stream().distinct().toList(), body.currentProduct());
        return layouts.order(query, dryRun).map(layout -> PageLayout.from(layout, dryRun));
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
