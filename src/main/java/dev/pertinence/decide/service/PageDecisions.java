package dev.pertinence.decide.service;

import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.decide.PageDecision;
import dev.pertinence.decide.PageQuery;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.ScoringPolicy;
import dev.pertinence.decision.Segments;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Strategy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * A page layout as a decision: the same inputs gathered the same way ({@link Gathering#forPage}: the person,
 * their purchases, the neighbours of the evidence, the experiment arm, the sections' learned clicks), ordered
 * by the pure core ({@link PageOrder}) under the arm's strategy, then recorded like a decision
 * ({@link DecisionRecorder}, written behind: channel web, placement the page, the sections in their order).
 * A dry run walks the same path under a random id and records nothing.
 */
@ApplicationScoped
public class PageDecisions {

    private final Gathering gathering;
    private final ScoringPolicy policy;
    private final DecisionRecorder recorder;
    private final Clock clock;

    public PageDecisions(Gathering gathering, ScoringPolicy policy, DecisionRecorder recorder, Clock clock) {
        this.gathering = gathering;
        this.policy = policy;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** The layout, recorded. */
    public Uni<PageDecision> order(PageQuery query) {
        return order(query, true);
    }

    /** The same layout, without effects: a random id no outcome can name, nothing recorded. */
    public Uni<PageDecision> rehearse(PageQuery query) {
        return order(query, false);
    }

    private Uni<PageDecision> order(PageQuery query, boolean live) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it, as decisions
        UUID id = live ? TimeOrderedId.at(now) : TimeOrderedId.untimed();
        if (live) {
            MDC.put("decisionId", id.toString());
        }
        SessionContext context = new SessionContext(PageQuery.CHANNEL, query.page(), ZonedDateTime.ofInstant(now, ZoneOffset.UTC),
                query.cart(), query.currentProduct(), Map.of(), null, null, null, null);
        // a dry run watches no new section: what is watched is bounded, and a rehearsed page may never be served
        return gathering.forPage(query.customer(), query.visitorId(), context, live ? query.learnedKeys() : List.of(), now)
                .map(gathered -> layout(id, now, query, gathered))
                .invoke(layout -> {
                    if (live) {
                        recorder.record(layout);
                    }
                });
    }

    private PageDecision layout(UUID id, Instant now, PageQuery query, Gathered gathered) {
        List<String> notes = gathered.notes("ordered", "session");
        if (gathered.degraded().contains("no_model")) {
            notes.add("Co-purchase model not available: ordered from the visitor's own categories only");
        } else if (gathered.degraded().contains("redis")) {
            notes.add("Co-purchase neighbours unavailable: ordered from the visitor's own categories only");
        }
        String segment = Segments.of(gathered.person());
        Strategy strategy = gathered.assignment() == null ? Strategy.PERSONALISED : gathered.assignment().arm().strategy();
        List<PageOrder.Placed> sections = PageOrder.order(query.sections(), gathered.context(), gathered.history(),
                gathered.neighbours(), now, policy, new PageOrder.Learning(query.page(), segment, gathered.learned(), strategy));
        return new PageDecision(id, gathered.customerId(), query.page(), segment, gathered.modelVersion(), now, sections,
                List.copyOf(notes), gathered.degraded(), gathered.assignment(), gathered.experimentUnit(), gathered.context());
    }
}
