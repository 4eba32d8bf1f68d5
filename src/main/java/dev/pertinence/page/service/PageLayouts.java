package dev.pertinence.page.service;

import dev.pertinence.decide.PageDecision;
import dev.pertinence.decide.PageQuery;
import dev.pertinence.decide.service.PageDecisions;
import dev.pertinence.decide.service.RecentAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Orders a page's sections for one visitor, as a decision ({@link PageDecisions}: gathered as a decision is,
 * ordered by the core, recorded); a known person refreshing the same page within the refresh window gets the
 * same layout back ({@link RecentAnswers}); a dry run records nothing and is never kept nor given back.
 */
@ApplicationScoped
public class PageLayouts {

    private final PageDecisions pages;
    private final RecentAnswers recent;

    public PageLayouts(PageDecisions pages, RecentAnswers recent) {
        this.pages = pages;
        this.recent = recent;
    }

    public Uni<PageDecision> order(PageQuery query, boolean dryRun) {
        return dryRun ? pages.rehearse(query) : recent.layout(query);
    }
}
