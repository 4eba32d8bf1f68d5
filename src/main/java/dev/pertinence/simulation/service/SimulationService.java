package dev.pertinence.simulation.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.jobs.JobProgress;
import dev.pertinence.common.jobs.Jobs;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.offer.catalog.CatalogIndex;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.offer.rule.RuleCompiler;
import dev.pertinence.offer.rule.RuleSyntaxException;
import dev.pertinence.simulation.Simulation;
import dev.pertinence.simulation.SimulationChart;
import dev.pertinence.simulation.SimulationDraft;
import dev.pertinence.simulation.SimulationResult;
import dev.pertinence.simulation.SimulationSettings;
import dev.pertinence.simulation.store.PopulationReader;
import dev.pertinence.simulation.store.SimulationStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Simulations as jobs, run as evaluations are ({@link Jobs}: one queued or running at a time
 * across replicas, on a worker thread of its own, its progress, heartbeat and result in PostgreSQL,
 * docs/evaluation.md, "Simulation"): refuses one while another runs before checking anything, checks
 * and resolves what is asked, then hands it to the jobs, which run it with {@link SimulationRunner}
 * for at most pertinence.simulation.max-duration. A simulation may be cancelled.
 */
@ApplicationScoped
public class SimulationService {

    private static final Logger LOG = Logger.getLogger(SimulationService.class);
    private static final int DEFAULT_LIMIT = 3;
    /** Any placement no offer names: the channel's offers that run on every placement. */
    static final String ANY_PLACEMENT = "*";

    /** What a caller asks, before defaults; any field may be null. */
    public record Ask(List<SimulationSettings.Target> placements, String segment, Integer sample, Long seed, Integer limit,
                      Map<String, Long> dailyReach, SimulationDraft draft) {
    }

    private final SimulationStore store;
    private final Jobs<SimulationSettings, SimulationResult, Simulation> jobs;
    private final SimulationRunner runner;
    private final PopulationReader population;
    private final OfferCatalog catalog;
    private final RuleCompiler rules;
    private final PertinenceConfig config;

    public SimulationService(SimulationStore store, SimulationRunner runner, PopulationReader population, OfferCatalog catalog,
                             RuleCompiler rules, PertinenceConfig config, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.population = population;
        this.catalog = catalog;
        this.rules = rules;
        this.config = config;
        this.jobs = new Jobs<>(store, this::run, config, clock, LOG);
    }

    void onStart(@Observes StartupEvent event) {
        jobs.sweepAtStart();
    }

    @PreDestroy
    void stop() {
        jobs.stop();
    }

    public Simulation start(Ask ask) {
        if (!config.evaluation().enabled() || !config.simulation().enabled()) {
            throw ClientProblem.turnedOff("simulations", "pertinence.evaluation.enabled or pertinence.simulation.enabled");
        }
        jobs.sweep();
        store.running().ifPresent(running -> { // before the draft's rules are compiled: a refused run costs nothing
            throw ClientProblem.conflict("a simulation is already queued or running: " + running
                    + "; one runs at a time, try again when it is done (or cancel it)");
        });
        return jobs.start(resolve(ask));
    }

    /**
     * Cancels a queued or running simulation: failed now, with why; its run stops at its next
     * person (here at once, on another replica at its next heartbeat) and writes nothing more.
     * 404 when unknown, 409 when it already ended.
     */
    public Simulation cancel(UUID id) {
        return jobs.cancel(id, found -> found.status() == Simulation.Status.RUNNING
                ? "cancelled after " + found.done() + (found.total() == null ? " people" : " of " + found.total() + " people")
                + " decided; no result" : "cancelled before it started");
    }

    public Simulation get(UUID id) {
        return jobs.get(id);
    }

    /** The result as an SVG chart; 409 while there is none. */
    public String chart(UUID id) {
        return SimulationChart.svg(jobs.withResult(id));
    }

    /** One run, on the jobs' worker: past pertinence.simulation.max-duration it stops at its next person, saying how far it got. */
    private SimulationResult run(SimulationSettings settings, JobProgress progress) {
        Duration maxDuration = config.simulation().maxDuration();
        long started = System.nanoTime();
        return runner.run(settings, (done, total) -> {
            progress.at(done, total);
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(maxDuration) > 0) {
                throw new Jobs.Failed("out of time: stopped after " + maxDuration + " (pertinence.simulation.max-duration) with "
                        + done + (total == null ? " people" : " of " + total + " people") + " decided; no result: ask for a "
                        + "smaller sample or fewer placements", done, total);
            }
        });
    }

    /** Every default applied, every bound checked: 400 naming the field otherwise. */
    SimulationSettings resolve(Ask ask) {
        PertinenceConfig.Simulation limits = config.simulation();
        CatalogIndex catalogue = catalog.index();
        List<SimulationSettings.Target> placements = placements(ask.placements(), catalogue, limits.maxPlacements());
        int sample = ask.sample() == null ? limits.maxPeople() : ask.sample();
        if (sample < 1 || sample > limits.maxPeople()) {
            throw ClientProblem.invalid("sample", "sample: from 1 to " + limits.maxPeople()
                    + " people a run (pertinence.simulation.max-people)");
        }
        int limit = ask.limit() == null ? DEFAULT_LIMIT : ask.limit();
        if (limit < 1 || limit > 10) {
            throw ClientProblem.invalid("limit", "limit: from 1 to 10 offers a decision, as a decision asks");
        }
        if (ask.segment() != null && !population.segmentExists(ask.segment())) {
            throw ClientProblem.invalid("segment", "segment: no customer is in segment '" + LogSafe.value(ask.segment()) + "'");
        }
        Set<String> offered = new TreeSet<>();
        Map<String, CandidateOffer> byId = new HashMap<>();
        for (SimulationSettings.Target target : placements) {
            for (CandidateOffer offer : catalogue.candidates(target.channel(), target.placement())) {
                offered.add(offer.id());
                byId.put(offer.id(), offer);
            }
        }
        checkDraft(ask.draft(), offered);
        Map<String, Long> reach = ask.dailyReach() == null ? Map.of() : ask.dailyReach();
        for (String id : new TreeSet<>(reach.keySet())) {
            CandidateOffer offer = byId.get(id);
            boolean left = ask.draft() != null && ask.draft().withoutOffers().contains(id);
            if (offer == null || offer.budget() == null || left) {
                throw ClientProblem.invalid("dailyReach", "dailyReach: '" + LogSafe.value(id) + "' is not an active offer with a "
                        + "budget on the placements simulated" + (left ? " (the draft leaves it out)" : ""));
            }
        }
        return new SimulationSettings(placements, ask.segment(), sample, ask.seed() == null ? 1 : ask.seed(), limit, reach,
                ask.draft());
    }

    /** As asked (duplicates once), or each channel some offer targets with each placement its offers name. */
    private static List<SimulationSettings.Target> placements(List<SimulationSettings.Target> asked, CatalogIndex catalogue, int max) {
        List<SimulationSettings.Target> placements = new ArrayList<>();
        if (asked == null || asked.isEmpty()) {
            Map<String, Set<String>> byChannel = catalogue.placementsByChannel();
            for (Channel channel : Channel.values()) {
                byChannel.getOrDefault(channel.wire(), Set.of())
                        .forEach(placement -> placements.add(new SimulationSettings.Target(channel.wire(), placement)));
            }
            if (placements.isEmpty()) {
                throw ClientProblem.invalid("placements", "placements: no active offer targets any channel; name the "
                        + "channels and placements to simulate");
            }
        } else {
            placements.addAll(new LinkedHashSet<>(asked));
        }
        if (placements.size() > max) {
            throw ClientProblem.invalid("placements", "placements: " + placements.size() + " channel × placement pairs, at most "
                    + max + " a run (pertinence.simulation.max-placements)" + (asked == null || asked.isEmpty()
                    ? "; the offers target that many: name the ones to simulate" : ""));
        }
        return List.copyOf(placements);
    }

    /** Levers, rules and offers left out must name offers the simulated decisions choose from; rules must compile. */
    private void checkDraft(SimulationDraft draft, Set<String> offered) {
        if (draft == null) {
            return;
        }
        known("draft.levers", draft.levers().keySet(), offered);
        known("draft.rules", draft.rules().keySet(), offered);
        known("draft.withoutOffers", draft.withoutOffers(), offered);
        for (String id : new TreeSet<>(draft.rules().keySet())) {
            try {
                rules.compileUncached(draft.rules().get(id));
            } catch (RuleSyntaxException e) {
                throw e.at("draft.rules." + id);
            }
        }
    }

    private static void known(String field, java.util.Collection<String> ids, Set<String> offered) {
        for (String id : new TreeSet<>(ids)) {
            if (!offered.contains(id)) {
                throw ClientProblem.invalid(field, field + ": '" + LogSafe.value(id)
                        + "' is not an active offer on the placements simulated");
            }
        }
    }
}
