package dev.pertinence.outcome.service;

import dev.pertinence.common.config.PertinenceConfig;

import dev.pertinence.budget.service.BudgetSpendings;
import dev.pertinence.common.ThrottledLog;
import dev.pertinence.decision.OfferBudget;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.outcome.OutcomeType;
import dev.pertinence.contact.store.ContactStore;
import dev.pertinence.decide.service.RecentAnswers;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.outcome.OutcomeType;
import dev.pertinence.outcome.store.ResponseCounters;
import dev.pertinence.outcome.store.StoredOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * Brings Redis up to date with stored outcomes: the person's contact state (exposures,
 * responses, refusals) and the offer's response counters, which also update this replica's
 * learned responses at once. Both are idempotent, so the sweep may apply an outcome again.
 * Returns the event ids fully applied; a failure leaves the outcome for the sweep.
 */
@ApplicationScoped
public class OutcomeCounters {

    private static final Logger LOG = Logger.getLogger(OutcomeCounters.class);
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofSeconds(10));

    private final ContactStore contacts;
    private final ResponseCounters counters;
    private final LiveResponses live;
    private final RecentAnswers recent;
    private final ContactPolicy policy;
    private final Clock clock;
    private final Counter unapplied;
    private final BudgetSpendings budgets;
    /** A page section's counters live this long after its last outcome. */
    private final Duration sectionMemory;

    public OutcomeCounters(ContactStore contacts, ResponseCounters counters, LiveResponses live, RecentAnswers recent,
                           ContactPolicy policy, Clock clock, MeterRegistry meters, BudgetSpendings budgets,
                           PertinenceConfig config) {
        this.budgets = budgets;
        this.sectionMemory = config.learning().pageSectionMemory();
        this.contacts = contacts;
        this.counters = counters;
        this.live = live;
        this.recent = recent;
        this.policy = policy;
        this.clock = clock;
        this.unapplied = Counter.builder("pertinence.outcomes.unapplied")
                .description("Stored outcomes whose Redis counters failed to update (retried by the sweep)").register(meters);
    }

    /** An answer to an offer; an impression or a click leaves the same screen to be refreshed. */
    static boolean endsReuse(OutcomeType type) {
        return type == OutcomeType.ACCEPT || type == OutcomeType.CONVERT || type == OutcomeType.REFUSE || type == OutcomeType.DISMISS;
    }

    public Uni<List<String>> apply(List<StoredOutcome> outcomes) {
        ConcurrentLinkedQueue<String> applied = new ConcurrentLinkedQueue<>();
        List<Uni<Void>> each = new ArrayList<>(outcomes.size());
        for (StoredOutcome outcome : outcomes) {
            each.add(apply(outcome).invoke(() -> applied.add(outcome.eventId()))
                    .onFailure().invoke(failure -> {
                        unapplied.increment();
                        failures.warn("Outcome counters not updated (the sweep will retry)", failure);
                    })
                    .onFailure().recoverWithNull());
        }
        if (each.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // only what changed in Redis is announced: with Redis frozen nothing did, and the answer waits for one budget, not two
        return Uni.join().all(each).andCollectFailures()
                .call(() -> live.announce(outcomes.stream().filter(outcome -> applied.contains(outcome.eventId()))
                                .map(StoredOutcome::offerId).distinct().toList())
                        .onFailure().recoverWithNull())
                .map(done -> List.copyOf(applied));
    }

    private Uni<Void> apply(StoredOutcome outcome) {
        boolean section = PageOrder.isSectionKey(outcome.offerId());
        Uni<Void> counted = counters.count(outcome.eventId(), outcome.offerId(), outcome.segment(), outcome.decisionChannel(),
                        outcome.type().wire(), outcome.value() == null ? null : outcome.value().toPlainString(),
                        section ? sectionMemory : null)
                .invoke(fields -> {
                    if (fields != null) {
                        live.update(outcome.offerId(), fields);
                    }
                })
                .replaceWithVoid();
        if (section) {
            return counted; // a page's section: learnt from, never a contact, a budget's spending or an answer to an offer
        }
        OfferBudget.Spend spends = outcome.type() == OutcomeType.IMPRESSION ? OfferBudget.Spend.IMPRESSIONS
                : outcome.type() == OutcomeType.ACCEPT ? OfferBudget.Spend.ACCEPTS : null;
        if (spends != null) { // a budget that counts this outcome (no Redis call for an offer without one)
            counted = Uni.join().all(counted, budgets.confirm(outcome.offerId(), spends, outcome.decisionId())).andFailFast()
                    .replaceWithVoid();
        }
        if (outcome.customerId() == null) {
            return counted;
        }
        Uni<Void> person = contacts.apply(outcome.customerId(), outcome.type().wire(), outcome.decisionId().toString(),
                outcome.offerId(), outcome.decisionChannel(), outcome.occurredAt(), policy.lookBack(), clock.instant());
        if (endsReuse(outcome.type())) { // the person answered: their refreshed screens move on (docs/callers.md)
            return Uni.join().all(counted, person, recent.forget(outcome.customerId())).andFailFast().replaceWithVoid();
        }
        return Uni.join().all(counted, person).andFailFast().replaceWithVoid();
    }
}
