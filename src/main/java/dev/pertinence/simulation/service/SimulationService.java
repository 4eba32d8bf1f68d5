package dev.pertinence.simulation.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.config.PertinenceConfig;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Simulations as jobs, run as evaluations are (EvaluationService): checks and resolves what is
 * asked, records it (one queued or running at a time, across replicas: 409 otherwise), runs it on a
 * worker thread of its own, keeps its progress and result in PostgreSQL with a heartbeat ticking on
 * a thread of its own, marks failed a job whose replica stopped, and stops without writing a job
 * found so marked (docs/evaluation.md, "Simulation"). Its progress interval and patience are the
 * evaluations' settings.
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
    private final SimulationRunner runner;
    private final PopulationReader population;
    private final OfferCatalog catalog;
    private final RuleCompiler rules;
    private final PertinenceConfig config;
    private final Clock clock;
    /** The jobs this replica holds, so a cancel reaches its run at once. */
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pertinence-simulation");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pertinence-simulation-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public SimulationService(SimulationStore store, SimulationRunner runner, PopulationReader population, OfferCatalog catalog,
                             RuleCompiler rules, PertinenceConfig config, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.population = population;
        this.catalog = catalog;
        this.rules = rules;
        this.config = config;
        this.clock = clock;
    }

    /** The jobs a stopped replica left: failed now, and again once their heartbeat could no longer be fresh. */
    void onStart(@Observes StartupEvent event) {
        worker.execute(this::sweep);
        worker.schedule(this::sweep, config.evaluation().abandonedAfter().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow(); // a running simulation sees the interruption and is marked failed
        heart.shutdownNow();
    }

    public Simulation start(Ask ask) {
        if (!config.evaluation().enabled() || !config.simulation().enabled()) {
            throw new ClientProblem(503, "Service unavailable", "simulations are turned off on this replica "
                    + "(pertinence.evaluation.enabled or pertinence.simulation.enabled is false): ask a replica that runs them", null);
        }
        sweep();
        store.running().ifPresent(running -> { // before the draft's rules are compiled: a refused run costs nothing
            throw ClientProblem.conflict("a simulation is already queued or running: " + running
                    + "; one runs at a time, try again when it is done (or cancel it)");
        });
        SimulationSettings settings = resolve(ask);
        UUID id = UUID.randomUUID();
        Simulation queued = store.insert(id, settings, clock.instant());
        Job job = new Job(id);
        jobs.put(id, job);
        long every = Math.max(1, config.evaluation().progressInterval().toMillis());
        job.ticker = heart.scheduleAtFixedRate(() -> beat(job), every, every, TimeUnit.MILLISECONDS);
        try {
            worker.execute(() -> run(job, settings));
        } catch (RuntimeException e) {
            job.ticker.cancel(false);
            jobs.remove(id);
            throw e;
        }
        return queued;
    }

    /**
     * Cancels a queued or running simulation: failed now, with why; its run stops at its next
     * person (here at once, on another replica at its next heartbeat) and writes nothing more.
     * 404 when unknown, 409 when it already ended.
     */
    public Simulation cancel(UUID id) {
        Simulation found = store.get(id);
        if (found == null) {
            throw ClientProblem.notFound("simulation", id.toString());
        }
        String why = found.status() == Simulation.Status.RUNNING
                ? "cancelled after " + found.done() + (found.total() == null ? " people" : " of " + found.total() + " people")
                + " decided; no result" : "cancelled before it started";
        if (!store.cancel(id, why, clock.instant())) {
            Simulation ended = store.get(id);
            throw ClientProblem.conflict("simulation " + id + " is already "
                    + (ended == null ? "gone" : ended.status().name().toLowerCase(Locale.ROOT)) + ": there is nothing to cancel");
        }
        Job job = jobs.get(id);
        if (job != null) {
            job.cancelled = true;
        }
        LOG.infof("Simulation %s cancelled", id);
        return store.get(id);
    }

    /** A job this replica holds: its heartbeat ticker, and whether its row was found taken from it. */
    private static final class Job {
        final UUID id;
        volatile ScheduledFuture<?> ticker;
        volatile boolean lost;
        volatile boolean cancelled;

        Job(UUID id) {
            this.id = id;
        }
    }

    /** Its row is no longer queued or running (cancelled, swept as abandoned, or taken over): the run stops, writing nothing. */
    private static final class Lost extends RuntimeException {
        Lost() {
            this("its row is no longer queued or running (cancelled, marked failed as abandoned, or taken over)");
        }

        Lost(String why) {
            super(why, null, false, false);
        }
    }

    /** Past pertinence.simulation.max-duration: the run stops, and its row says how far it got. */
    private static final class OutOfTime extends RuntimeException {
        final int done;
        final Integer total;

        OutOfTime(int done, Integer total) {
            super("out of time", null, false, false);
            this.done = done;
            this.total = total;
        }
    }

    private void beat(Job job) {
        try {
            if (!store.beat(job.id, clock.instant())) {
                job.lost = true;
                job.ticker.cancel(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("Simulation " + job.id + ": heartbeat not written (tried again in a moment)", e);
        }
    }

    public Simulation get(UUID id) {
        Simulation simulation = store.get(id);
        if (simulation == null) {
            throw ClientProblem.notFound("simulation", id.toString());
        }
        if ((simulation.status() == Simulation.Status.RUNNING || simulation.status() == Simulation.Status.QUEUED) && sweep() > 0) {
            return store.get(id);
        }
        return simulation;
    }

    /** The result as an SVG chart; 409 while there is none. */
    public String chart(UUID id) {
        Simulation simulation = get(id);
        if (simulation.result() == null) {
            throw ClientProblem.conflict("simulation " + id + " has no result: it is "
                    + simulation.status().name().toLowerCase(Locale.ROOT)
                    + (simulation.error() == null ? "" : " (" + simulation.error() + ")"));
        }
        return SimulationChart.svg(simulation);
    }

    private int sweep() {
        try {
            Instant now = clock.instant();
            int failed = store.failAbandoned(now.minus(config.evaluation().abandonedAfter()), now);
            if (failed > 0) {
                LOG.warnf("%d simulation(s) abandoned by a stopped replica marked failed", failed);
            }
            return failed;
        } catch (RuntimeException e) {
            LOG.warn("Abandoned simulations not checked", e);
            return 0;
        }
    }

    private void run(Job job, SimulationSettings settings) {
        UUID id = job.id;
        Duration interval = config.evaluation().progressInterval();
        Duration maxDuration = config.simulation().maxDuration();
        long started = System.nanoTime();
        long[] lastWrite = {0};
        try {
            if (job.cancelled) {
                throw new Lost("cancelled before it started");
            }
            if (job.lost || !store.started(id, clock.instant())) {
                throw new Lost();
            }
            SimulationResult result = runner.run(settings, (done, total) -> {
                if (job.cancelled) {
                    throw new Lost("cancelled after " + done + " people");
                }
                if (job.lost) {
                    throw new Lost();
                }
                long now = System.nanoTime();
                if (Duration.ofNanos(now - started).compareTo(maxDuration) > 0) {
                    throw new OutOfTime(done, total);
                }
                if (now - lastWrite[0] >= interval.toNanos()) {
                    if (!store.progress(id, done, total, clock.instant())) {
                        throw new Lost();
                    }
                    lastWrite[0] = now;
                }
            });
            if (!store.done(id, result, clock.instant())) {
                throw new Lost();
            }
            LOG.infof("Simulation %s done: %d people in %d ms", id, result.people(), result.durationMs());
        } catch (Lost e) {
            LOG.warnf("Simulation %s stopped on this replica, no result written: %s", id, e.getMessage());
        } catch (OutOfTime e) {
            String why = "out of time: stopped after " + maxDuration + " (pertinence.simulation.max-duration) with " + e.done
                    + (e.total == null ? " people" : " of " + e.total + " people") + " decided; no result: ask for a smaller "
                    + "sample or fewer placements";
            LOG.warnf("Simulation %s %s", id, why);
            try {
                store.failed(id, why, e.done, e.total, clock.instant());
            } catch (RuntimeException notRecorded) {
                LOG.warn("Simulation " + id + " not marked failed (its heartbeat will say it was abandoned)", notRecorded);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            String why = Thread.currentThread().isInterrupted() ? "the service stopped during the simulation"
                    : e instanceof OutOfMemoryError ? "out of memory: ask for a smaller sample" : String.valueOf(e.getMessage());
            LOG.error("Simulation " + id + " failed", e);
            try {
                store.failed(id, why, clock.instant());
            } catch (RuntimeException notRecorded) {
                LOG.warn("Simulation " + id + " not marked failed (its heartbeat will say it was abandoned)", notRecorded);
            }
        } finally {
            job.ticker.cancel(false);
            jobs.remove(id);
        }
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
