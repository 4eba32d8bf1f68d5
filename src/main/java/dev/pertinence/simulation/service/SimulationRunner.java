package dev.pertinence.simulation.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.jobs.JobProgress;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.service.BudgetReservations;
import dev.pertinence.decide.service.Gathered;
import dev.pertinence.decide.service.Gathering;
import dev.pertinence.decide.service.Reservations;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.RuleInputs;
import dev.pertinence.decision.RuleVariables;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Snapshot;
import dev.pertinence.evaluation.service.SeededDraws;
import dev.pertinence.offer.catalog.CatalogIndex;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.offer.rule.RuleCompiler;
import dev.pertinence.simulation.BudgetProjection;
import dev.pertinence.simulation.SimulationResult;
import dev.pertinence.simulation.SimulationSettings;
import dev.pertinence.simulation.Tally;
import dev.pertinence.simulation.store.PopulationReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one simulation, blocking, on the simulation's worker thread: reads the population (sampled
 * as it streams), then for a few people at a time gathers each one's inputs on every placement
 * through the decision path's own {@link Gathering} (profile, history, consents, contact state,
 * neighbours, experiment arm, budgets' spending, as a live decision reads them now), and decides
 * with the real {@link DecisionEngine}, as a dry run does: nothing reserved
 * ({@link Reservations#unreserved}), recorded, learnt or counted. A draft is decided beside the
 * current strategy on the same inputs. The figures are counted by {@link Tally}.
 */
@ApplicationScoped
public class SimulationRunner {

    private static final Duration GATHER_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration RECORDED_REACH = Duration.ofDays(7);

    private final Gathering gathering;
    private final DecisionEngine engine;
    private final Reservations reservations;
    private final BudgetReservations budgets;
    private final OfferCatalog catalog;
    private final ActiveModel model;
    private final RuleCompiler rules;
    private final PopulationReader population;
    private final PertinenceConfig config;
    private final Clock clock;

    public SimulationRunner(Gathering gathering, DecisionEngine engine, Reservations reservations, BudgetReservations budgets,
                            OfferCatalog catalog, ActiveModel model, RuleCompiler rules, PopulationReader population,
                            PertinenceConfig config, Clock clock) {
        this.gathering = gathering;
        this.engine = engine;
        this.reservations = reservations;
        this.budgets = budgets;
        this.catalog = catalog;
        this.model = model;
        this.rules = rules;
        this.population = population;
        this.config = config;
        this.clock = clock;
    }

    public SimulationResult run(SimulationSettings settings, JobProgress progress) {
        long started = System.nanoTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        progress.at(0, null);
        PopulationReader.Population people = population.sample(settings.segment(), settings.sample(),
                id -> SeededDraws.unit(settings.seed(), id));
        List<String> ids = people.sample();
        progress.at(0, ids.size());
        CatalogIndex catalogue = catalog.index();
        DraftStrategy draft = settings.draft() == null ? null
                : new DraftStrategy(settings.draft(), engine, catalogue, settings.placements(), rules);
        Tally tally = new Tally(settings.placements(), settings.limit(), draft != null);
        int batch = Math.max(1, config.simulation().concurrency());
        int done = 0;
        for (int from = 0; from < ids.size(); from += batch) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + batch));
            progress.at(done, ids.size()); // a run cancelled or out of time reads no more
            List<Gathered> read = gather(chunk, settings, now);
            int targets = settings.placements().size();
            for (int person = 0; person < chunk.size(); person++, done++) {
                progress.at(done, ids.size()); // ... and decides no more: it stops at its next person
                List<Gathered> theirs = read.subList(person * targets, (person + 1) * targets);
                if (theirs.stream().anyMatch(g -> g.person() == null && !g.profileUnavailable())) {
                    continue; // erased (or merged away) since the population was read
                }
                List<Tally.Decided> decided = new ArrayList<>(targets);
                for (int t = 0; t < targets; t++) {
                    decided.add(decide(settings, settings.placements().get(t), theirs.get(t), draft, catalogue, now));
                }
                tally.add(decided);
            }
        }
        progress.at(done, ids.size());
        List<SimulationResult.BudgetOutlook> outlooks = outlooks(settings, tally, draft, catalogue, now);
        return tally.result(people.size(), outlooks, (System.nanoTime() - started) / 1_000_000);
    }

    /** Every person of the chunk on every placement, concurrently; the reads never fail (they degrade). */
    private List<Gathered> gather(List<String> chunk, SimulationSettings settings, Instant now) {
        ZonedDateTime localTime = now.atZone(ZoneOffset.UTC);
        List<Uni<Gathered>> reads = new ArrayList<>(chunk.size() * settings.placements().size());
        for (String id : chunk) {
            for (SimulationSettings.Target target : settings.placements()) {
                DecisionQuery query = DecisionQuery.forCustomer(id, SessionContext.at(target.channel(), target.placement(), localTime),
                        settings.limit());
                reads.add(gathering.forDecision(query, now));
            }
        }
        return Uni.join().all(reads).andFailFast().await().atMost(GATHER_TIMEOUT);
    }

    private Tally.Decided decide(SimulationSettings settings, SimulationSettings.Target target, Gathered gathered,
                                 DraftStrategy draft, CatalogIndex catalogue, Instant now) {
        Snapshot live = snapshot(gathered, gathered.candidates(), settings.limit(), now, false);
        Decision current = answered(engine, live, gathered);
        if (draft == null) {
            List<CandidateOffer> offers = catalogue.candidates(target.channel(), target.placement());
            return new Tally.Decided(current, new Ids(offers), eligible(offers, gathered, live, now),
                    whyNothing(current, live, gathered, engine), null, gathered.degraded());
        }
        CandidateSet candidates = draft.candidates(target, gathered.candidates(), model.current().popularity(), gathered.learned());
        Snapshot drafted = snapshot(gathered, candidates, settings.limit(), now, false);
        Decision simulated = answered(draft.engine(), drafted, gathered);
        String currentTop = current.offers().isEmpty() ? null : current.offers().get(0).offer().id();
        return new Tally.Decided(simulated, new Ids(draft.offers(target)), eligible(draft.offers(target), gathered, drafted, now),
                whyNothing(simulated, drafted, gathered, draft.engine()), currentTop, gathered.degraded());
    }

    /**
     * The core's input as a live decision builds it, without an exploration draw; with explain, every
     * offer left out says why (and the core walks every candidate instead of stopping at the limit).
     */
    private static Snapshot snapshot(Gathered gathered, CandidateSet candidates, int limit, Instant now, boolean explain) {
        return new Snapshot(now, gathered.person(), gathered.history(), gathered.context(), gathered.neighbours(),
                gathered.modelVersion() != null, candidates, limit, explain, false, gathered.contacts().history(),
                gathered.learned(), null, gathered.budgets());
    }

    /**
     * What the decision would answer: the core's ranking, consent applied, caps as a dry run applies
     * them. Decided without explain, so the core stops once the limit is filled; the reasons offers
     * were left out are counted only for decisions proposing nothing, which are decided again with it.
     */
    private Decision answered(DecisionEngine core, Snapshot quiet, Gathered gathered) {
        Decision decided = answer(core, quiet, gathered);
        if (!decided.offers().isEmpty() || gathered.offersRefused() != null) {
            return decided;
        }
        return answer(core, new Snapshot(quiet.now(), quiet.customer(), quiet.history(), quiet.context(), quiet.neighbours(),
                quiet.modelAvailable(), quiet.candidates(), quiet.limit(), true, quiet.allowSameCategory(), quiet.contacts(),
                quiet.learned(), quiet.random(), quiet.budgets()), gathered);
    }

    private Decision answer(DecisionEngine core, Snapshot snapshot, Gathered gathered) {
        Decision decided = core.decide(snapshot);
        if (gathered.offersRefused() != null) {
            decided = decided.withdrawn(gathered.offersRefused());
        }
        return reservations.unreserved(decided, gathered).decision();
    }

    /** A reason for the whole decision when it proposes nothing for want of consent, candidates or caps; else null. */
    private String whyNothing(Decision answered, Snapshot snapshot, Gathered gathered, DecisionEngine core) {
        if (!answered.offers().isEmpty()) {
            return null;
        }
        if (gathered.offersRefused() != null) {
            return "no_offers_consent";
        }
        if (snapshot.candidates().size() == 0) {
            return "no_candidates";
        }
        if (answered.dropped().isEmpty() && answered.droppedTotal() > 0) {
            return "contact_blocked"; // the core stopped before any offer: the channel's contact pressure blocks them all
        }
        if (!gathered.contactsKnown() && !core.decide(snapshot).offers().isEmpty()) {
            return "caps_unchecked";
        }
        return null;
    }

    /** The offers this person's consent on the channel, the offers' validity and rules admit now. */
    private static Set<String> eligible(List<CandidateOffer> offers, Gathered gathered, Snapshot snapshot, Instant now) {
        Set<String> eligible = new HashSet<>();
        if (gathered.offersRefused() != null) {
            return eligible;
        }
        RuleVariables variables = null;
        for (CandidateOffer offer : offers) {
            if (!offer.validAt(now)) {
                continue;
            }
            if (offer.rule() != EligibilityRule.ALWAYS) {
                if (variables == null) {
                    variables = RuleInputs.of(snapshot);
                }
                if (!offer.rule().evaluate(variables).eligible()) {
                    continue;
                }
            }
            eligible.add(offer.id());
        }
        return eligible;
    }

    /** The offers' ids, read through: no copy per person. */
    private static final class Ids extends java.util.AbstractList<String> {
        private final List<CandidateOffer> offers;

        Ids(List<CandidateOffer> offers) {
            this.offers = offers;
        }

        @Override
        public String get(int index) {
            return offers.get(index).id();
        }

        @Override
        public int size() {
            return offers.size();
        }
    }

    /** Each budgeted offer decisions proposed or held eligible: its spending now, and when it would run out. */
    private List<SimulationResult.BudgetOutlook> outlooks(SimulationSettings settings, Tally tally, DraftStrategy draft,
                                                          CatalogIndex catalogue, Instant now) {
        Set<String> reached = tally.reached();
        Map<String, CandidateOffer> budgeted = new LinkedHashMap<>();
        for (SimulationSettings.Target target : settings.placements()) {
            List<CandidateOffer> offers = draft == null ? catalogue.candidates(target.channel(), target.placement())
                    : draft.offers(target);
            offers.stream().filter(offer -> offer.budget() != null && reached.contains(offer.id()))
                    .forEach(offer -> budgeted.putIfAbsent(offer.id(), offer));
        }
        if (budgeted.isEmpty()) {
            return List.of();
        }
        BudgetReservations.Read spending = budgets.read(List.copyOf(budgeted.values()), now).await().atMost(GATHER_TIMEOUT);
        Map<String, Long> recorded = population.proposedSince(budgeted.keySet(), now.minus(RECORDED_REACH));
        Map<String, Long> proposals = tally.proposals();
        List<SimulationResult.BudgetOutlook> outlooks = new ArrayList<>(budgeted.size());
        budgeted.values().stream().sorted(java.util.Comparator.comparing(CandidateOffer::id)).forEach(offer ->
                outlooks.add(BudgetProjection.of(offer.id(), offer.budget(), spending.spending().get(offer.id()),
                        proposals.getOrDefault(offer.id(), 0L), settings.dailyReach().get(offer.id()),
                        recorded.getOrDefault(offer.id(), 0L), now)));
        return outlooks;
    }
}
