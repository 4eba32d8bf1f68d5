package dev.pertinence.decide.service;

import dev.pertinence.budget.store.BudgetStore;
import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.RedisGeneration;
import dev.pertinence.decision.BudgetSpending;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DroppedOffer;
import dev.pertinence.decision.OfferBudget;
import dev.pertinence.decision.RankedOffer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The decision path's side of offer budgets (docs/budgets.md): before the core, the spending of
 * the candidates that have a budget (nothing read when none has one); after it, one unit held
 * atomically per chosen budgeted offer, which an offer whose budget a concurrent decision took
 * first loses. Redis cannot be trusted (unreadable, or rebuilding after a loss): budgeted offers
 * are not proposed, since a budget exceeded cannot be taken back.
 */
@ApplicationScoped
public class BudgetReservations {

    private static final Logger LOG = Logger.getLogger(BudgetReservations.class);
    private final ThrottledLog redisFailures = new ThrottledLog(LOG, Duration.ofSeconds(10));

    private final BudgetStore store;
    private final RedisGeneration generation;
    private final StoreBudgets budgets;
    private final Duration hold;
    private final long burst;

    public BudgetReservations(BudgetStore store, RedisGeneration generation, StoreBudgets budgets, PertinenceConfig config) {
        this.store = store;
        this.generation = generation;
        this.budgets = budgets;
        this.hold = config.budget().reservationHold();
        this.burst = config.budget().pacingBurst();
    }

    /** The spending read for the budgeted candidates, and whether Redis failed to give it. */
    public record Read(Map<String, BudgetSpending> spending, boolean failed) {
        static final Read NONE = new Read(Map.of(), false);
    }

    /** Offers held for the decision (to give back if withdrawn after) and the decision without those refused. */
    public record Held(Decision decision, List<RankedOffer> held, boolean failed) {
    }

    /** The spending of {@code offers} (the budgeted candidates of the request's channel and placement): one script each, pipelined. */
    public Uni<Read> read(List<CandidateOffer> offers, Instant now) {
        if (offers.isEmpty()) {
            return Uni.createFrom().item(Read.NONE);
        }
        if (generation.rebuilding()) {
            Map<String, BudgetSpending> unknown = new HashMap<>();
            offers.forEach(offer -> unknown.put(offer.id(), BudgetSpending.UNKNOWN));
            return Uni.createFrom().item(new Read(Map.copyOf(unknown), false));
        }
        List<Uni<Map.Entry<String, BudgetSpending>>> reads = new ArrayList<>(offers.size());
        for (CandidateOffer offer : offers) {
            OfferBudget budget = offer.budget();
            OfferBudget.Window window = budget.window(now);
            if (window == null) {
                reads.add(Uni.createFrom().item(Map.entry(offer.id(), new BudgetSpending(0, 0, 0))));
                continue;
            }
            long allowance = budget.allowance(now, burst);
            reads.add(budgets.redis(() -> store.read(offer.id(), budget.of(), window.start(), now.minus(hold))
                            .map(found -> Map.entry(offer.id(), new BudgetSpending(found.spent(), found.held(), allowance))),
                    failure -> {
                        redisFailures.warn("Decision without the spending of budgeted offers", failure);
                        return Map.entry(offer.id(), BudgetSpending.UNKNOWN);
                    }));
        }
        return Uni.join().all(reads).andFailFast().map(entries -> {
            Map<String, BudgetSpending> spending = new HashMap<>();
            boolean failed = false;
            for (Map.Entry<String, BudgetSpending> entry : entries) {
                spending.put(entry.getKey(), entry.getValue());
                failed |= !entry.getValue().known();
            }
            return new Read(Map.copyOf(spending), failed);
        });
    }

    /** Holds one unit of each chosen budgeted offer; those refused are withdrawn with BUDGET_SPENT or PACED. */
    public Uni<Held> reserve(UUID id, Decision decision, Instant now) {
        List<RankedOffer> budgeted = decision.offers().stream().filter(offer -> offer.offer().budget() != null).toList();
        if (budgeted.isEmpty()) {
            return Uni.createFrom().item(new Held(decision, List.of(), false));
        }
        List<Uni<DroppedOffer>> each = new ArrayList<>(budgeted.size());
        for (RankedOffer ranked : budgeted) {
            each.add(reserve(id, ranked, now));
        }
        return Uni.join().all(each).andFailFast().map(refusals -> {
            Map<String, DroppedOffer> refused = new LinkedHashMap<>();
            List<RankedOffer> held = new ArrayList<>(budgeted.size());
            boolean failed = false;
            for (int i = 0; i < budgeted.size(); i++) {
                DroppedOffer refusal = refusals.get(i);
                if (refusal == null) {
                    held.add(budgeted.get(i));
                } else {
                    refused.put(refusal.offerId(), refusal);
                    failed |= refusal.detail().equals(UNCHECKED);
                }
            }
            return new Held(decision.overBudget(refused), List.copyOf(held), failed);
        });
    }

    private static final String UNCHECKED = "its budget could not be checked";

    /** Null when held; else why not. */
    private Uni<DroppedOffer> reserve(UUID id, RankedOffer ranked, Instant now) {
        CandidateOffer offer = ranked.offer();
        OfferBudget budget = offer.budget();
        OfferBudget.Window window = budget.window(now);
        if (window == null) {
            // outside its window (one that ended during the decision): the offer is simply not proposed; Redis did not fail
            return Uni.createFrom().item(new DroppedOffer(offer.id(), DroppedOffer.Reason.BUDGET_SPENT, budget.outside(now),
                    ranked.score()));
        }
        if (generation.rebuilding()) {
            return Uni.createFrom().item(new DroppedOffer(offer.id(), DroppedOffer.Reason.BUDGET_SPENT, UNCHECKED, ranked.score()));
        }
        long allowance = budget.allowance(now, burst);
        return budgets.redis(() -> store.reserve(offer.id(), budget.of(), window, id.toString(), now, hold, budget.count(), allowance)
                        .map(held -> switch (held) {
                            case HELD -> null;
                            case PACED -> new DroppedOffer(offer.id(), DroppedOffer.Reason.PACED, "its budget is paced evenly: "
                                    + allowance + " of " + budget.count() + " " + budget.of().wire()
                                    + " allowed by now, taken by concurrent decisions", ranked.score());
                            case SPENT -> new DroppedOffer(offer.id(), DroppedOffer.Reason.BUDGET_SPENT, "its budget of "
                                    + budget.count() + " " + budget.of().wire() + " was taken by concurrent decisions", ranked.score());
                        }),
                failure -> {
                    redisFailures.warn("Budgeted offer withdrawn: its budget could not be reserved", failure);
                    return new DroppedOffer(offer.id(), DroppedOffer.Reason.BUDGET_SPENT, UNCHECKED, ranked.score());
                });
    }

    /** Gives back what was held for offers the contact reservation then withdrew (best effort: else it lapses). */
    public Uni<Void> release(UUID id, List<RankedOffer> held, Decision kept, Instant now) {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> releases = new ArrayList<>(0);
        for (RankedOffer ranked : held) {
            boolean stillProposed = kept.offers().stream().anyMatch(offer -> offer.offer().id().equals(ranked.offer().id()));
            OfferBudget budget = ranked.offer().budget();
            OfferBudget.Window window = budget.window(now);
            if (!stillProposed && window != null) {
                releases.add(budgets.redis(() -> store.release(ranked.offer().id(), budget.of(), window.start(), id.toString()),
                        failure -> null));
            }
        }
        return releases.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(releases).andCollectFailures().replaceWithVoid();
    }
}
