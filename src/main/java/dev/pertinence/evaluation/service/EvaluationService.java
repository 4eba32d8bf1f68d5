package dev.pertinence.evaluation.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.evaluation.Evaluation;
import dev.pertinence.evaluation.EvaluationChart;
import dev.pertinence.evaluation.EvaluationResult;
import dev.pertinence.evaluation.EvaluationSettings;
import dev.pertinence.evaluation.store.EvaluationStore;
import dev.pertinence.offer.catalog.OfferCatalog;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Offline evaluations as jobs: checks and resolves what is asked, records it (one queued or
 * running at a time, across replicas: 409 otherwise), runs it on a worker thread of its own (one:
 * never the event loop, never more than one core of the replica; no lower priority, which the JVM
 * ignores on Linux) and keeps its progress and result in PostgreSQL, with a heartbeat ticking on a
 * thread of its own while the job is queued or running here. A job whose replica stopped is marked
 * failed, with why: at start-up, and whenever a job is asked for or started; a job found so marked
 * (or taken over) stops without writing (docs/evaluation.md).
 */
@ApplicationScoped
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);
    private static final int DEFAULT_K = 3;
    private static final int DEFAULT_LAST_DAYS = 30;
    private static final double DEFAULT_HELD_OUT = 0.2;

    /** What a caller asks, before defaults; any field but the mode may be null. */
    public record Ask(EvaluationSettings.Mode mode, Integer k, String channel, String placement,
                      EvaluationSettings.Candidates candidates, Instant cutAt, Integer lastDays, Instant from, Instant until,
                      String segment, Integer sample, Long seed, Double heldOutShare, EvaluationSettings.Draft draft) {
    }

    private final EvaluationStore store;
    private final EvaluationRunner runner;
    private final OfferCatalog catalog;
    private final PertinenceConfig config;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pertinence-evaluation");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pertinence-evaluation-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public EvaluationService(EvaluationStore store, EvaluationRunner runner, OfferCatalog catalog, PertinenceConfig config,
                             Clock clock) {
        this.store = store;
        this.runner = runner;
        this.catalog = catalog;
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
        worker.shutdownNow(); // a running evaluation sees the interruption and is marked failed
        heart.shutdownNow();
    }

    public Evaluation start(Ask ask) {
        if (!config.evaluation().enabled()) {
            throw new ClientProblem(503, "Service unavailable", "evaluations are turned off on this replica "
                    + "(pertinence.evaluation.enabled=false): ask a replica that runs them", null);
        }
        EvaluationSettings settings = resolve(ask, clock.instant());
        sweep();
        UUID id = UUID.randomUUID();
        Evaluation queued = store.insert(id, settings, clock.instant());
        Job job = new Job(id);
        long every = Math.max(1, config.evaluation().progressInterval().toMillis());
        job.ticker = heart.scheduleAtFixedRate(() -> beat(job), every, every, TimeUnit.MILLISECONDS);
        try {
            worker.execute(() -> run(job, settings));
        } catch (RuntimeException e) {
            job.ticker.cancel(false);
            throw e;
        }
        return queued;
    }

    /** A job this replica holds: its heartbeat ticker, and whether its row was found taken from it. */
    private static final class Job {
        final UUID id;
        volatile ScheduledFuture<?> ticker;
        volatile boolean lost;

        Job(UUID id) {
            this.id = id;
        }
    }

    /** Its row is no longer queued or running (swept as abandoned, or taken over): the run stops, writing nothing. */
    private static final class Lost extends RuntimeException {
        Lost() {
            super("its row is no longer queued or running (marked failed as abandoned, or taken over)", null, false, false);
        }
    }

    /**
     * The heartbeat, every progress interval, for as long as the job is queued or running here,
     * whatever the run is doing (reading, counting, waiting): never slower than the sweep's patience.
     */
    private void beat(Job job) {
        try {
            if (!store.beat(job.id, clock.instant())) {
                job.lost = true;
                job.ticker.cancel(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("Evaluation " + job.id + ": heartbeat not written (tried again in a moment)", e);
        }
    }

    public Evaluation get(UUID id) {
        Evaluation evaluation = store.get(id);
        if (evaluation == null) {
            throw ClientProblem.notFound("evaluation", id.toString());
        }
        if ((evaluation.status() == Evaluation.Status.RUNNING || evaluation.status() == Evaluation.Status.QUEUED) && sweep() > 0) {
            return store.get(id);
        }
        return evaluation;
    }

    /** The result as an SVG chart; 409 while there is none. */
    public String chart(UUID id) {
        Evaluation evaluation = get(id);
        if (evaluation.result() == null) {
            throw ClientProblem.conflict("evaluation " + id + " has no result: it is " + evaluation.status().name().toLowerCase(Locale.ROOT)
                    + (evaluation.error() == null ? "" : " (" + evaluation.error() + ")"));
        }
        return EvaluationChart.svg(evaluation);
    }

    private int sweep() {
        try {
            Instant now = clock.instant();
            int failed = store.failAbandoned(now.minus(config.evaluation().abandonedAfter()), now);
            if (failed > 0) {
                LOG.warnf("%d evaluation(s) abandoned by a stopped replica marked failed", failed);
            }
            return failed;
        } catch (RuntimeException e) {
            LOG.warn("Abandoned evaluations not checked", e);
            return 0;
        }
    }

    private void run(Job job, EvaluationSettings settings) {
        UUID id = job.id;
        Duration interval = config.evaluation().progressInterval();
        long[] lastWrite = {0};
        try {
            if (job.lost || !store.started(id, clock.instant())) {
                throw new Lost();
            }
            EvaluationResult result = runner.run(settings, (done, total) -> {
                if (job.lost) {
                    throw new Lost();
                }
                long now = System.nanoTime();
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
            LOG.infof("Evaluation %s done: %d cases in %d ms", id, result.cases(), result.durationMs());
        } catch (Lost e) {
            LOG.warnf("Evaluation %s stopped on this replica, no result written: %s", id, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            String why = Thread.currentThread().isInterrupted() ? "the service stopped during the evaluation"
                    : e instanceof OutOfMemoryError ? "out of memory: ask for a smaller sample" : String.valueOf(e.getMessage());
            LOG.error("Evaluation " + id + " failed", e);
            try {
                store.failed(id, why, clock.instant());
            } catch (RuntimeException notRecorded) {
                LOG.warn("Evaluation " + id + " not marked failed (its heartbeat will say it was abandoned)", notRecorded);
            }
        } finally {
            job.ticker.cancel(false);
        }
    }

    /** Every default applied, every bound checked: 400 naming the field otherwise. */
    EvaluationSettings resolve(Ask ask, Instant now) {
        PertinenceConfig.Evaluation limits = config.evaluation();
        int k = ask.k() == null ? DEFAULT_K : ask.k();
        if (k < 1 || k > limits.maxK()) {
            throw ClientProblem.invalid("k", "k: from 1 to " + limits.maxK() + " (pertinence.evaluation.max-k)");
        }
        int sample = ask.sample() == null ? limits.maxCases() : ask.sample();
        if (sample < 1 || sample > limits.maxCases()) {
            throw ClientProblem.invalid("sample", "sample: from 1 to " + limits.maxCases()
                    + " cases a run (pertinence.evaluation.max-cases)");
        }
        if (ask.until() != null && ask.until().isAfter(now)) {
            throw ClientProblem.invalid("until", "until: is in the future");
        }
        Instant until = ask.until() == null ? now : ask.until();
        String channel = ask.channel() == null ? "web" : ask.channel();
        String placement = ask.placement() == null ? "home" : ask.placement();
        EvaluationSettings.Candidates candidates = ask.candidates() == null ? EvaluationSettings.Candidates.OFFERS : ask.candidates();
        long seed = ask.seed() == null ? 1 : ask.seed();
        checkLevers(ask.draft(), candidates, channel, placement);
        Duration window = config.model().window();
        if (ask.mode() == EvaluationSettings.Mode.TIME_SPLIT) {
            if (ask.heldOutShare() != null) {
                throw ClientProblem.invalid("heldOutShare", "heldOutShare: only for basket_completion");
            }
            Instant cut = cut(ask, now);
            if (!until.isAfter(cut)) {
                throw ClientProblem.invalid("until", "until: must be after the cut (" + cut + ")");
            }
            Instant from = ask.from() == null ? cut.minus(window) : ask.from();
            if (!from.isBefore(cut)) {
                throw ClientProblem.invalid("from", "from: must be before the cut (" + cut + ")");
            }
            if (Duration.between(from, cut).compareTo(window) > 0) {
                throw ClientProblem.invalid("from", "from: at most " + days(window) + " before the cut (" + cut
                        + "), the model window (pertinence.model.window)");
            }
            if (Duration.between(cut, until).compareTo(window) > 0) {
                String field = ask.until() != null ? "until" : ask.cutAt() != null ? "cutAt" : "lastDays";
                throw ClientProblem.invalid(field, field + ": until (" + until + ") at most " + days(window)
                        + " after the cut (" + cut + "), the model window (pertinence.model.window)");
            }
            return new EvaluationSettings(ask.mode(), k, channel, placement, candidates, cut, from, until, ask.segment(), sample,
                    seed, 0, ask.draft());
        }
        if (ask.cutAt() != null || ask.lastDays() != null) {
            throw ClientProblem.invalid(ask.cutAt() != null ? "cutAt" : "lastDays",
                    (ask.cutAt() != null ? "cutAt" : "lastDays") + ": only for time_split");
        }
        if (ask.segment() != null) {
            throw ClientProblem.invalid("segment", "segment: only for time_split (held-out baskets name no customer)");
        }
        Instant from = ask.from() == null ? now.minus(window) : ask.from();
        if (!from.isBefore(until)) {
            throw ClientProblem.invalid("from", "from: must be before until (" + until + ")");
        }
        if (Duration.between(from, until).compareTo(window) > 0) {
            throw ClientProblem.invalid("from", "from: at most " + days(window) + " before until (" + until
                    + "), the model window (pertinence.model.window)");
        }
        double share = ask.heldOutShare() == null ? DEFAULT_HELD_OUT : ask.heldOutShare();
        return new EvaluationSettings(ask.mode(), k, channel, placement, candidates, null, from, until, null, sample, seed, share,
                ask.draft());
    }

    /** A lever for an offer the decisions will not choose from is a mistake worth saying: 400. */
    private void checkLevers(EvaluationSettings.Draft draft, EvaluationSettings.Candidates candidates, String channel,
                             String placement) {
        if (draft == null || draft.levers().isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        if (candidates == EvaluationSettings.Candidates.OFFERS) {
            catalog.index().candidates(channel, placement).forEach(offer -> known.add(offer.id()));
        }
        for (String id : new TreeSet<>(draft.levers().keySet())) {
            boolean product = id.startsWith("product:");
            if (candidates == EvaluationSettings.Candidates.OFFERS ? !known.contains(id) : !product) {
                throw ClientProblem.invalid("draft.levers", "draft.levers: '" + LogSafe.value(id)
                        + (candidates == EvaluationSettings.Candidates.OFFERS
                        ? "' is not an active offer for " + channel + "/" + placement
                        : "' is not product:<sku> (candidates products)"));
            }
        }
    }

    private static String days(Duration span) {
        return span.equals(Duration.ofDays(span.toDays())) ? span.toDays() + " days" : span.toString();
    }

    private static Instant cut(Ask ask, Instant now) {
        if (ask.cutAt() != null && ask.lastDays() != null) {
            throw ClientProblem.invalid("lastDays", "lastDays: give cutAt or lastDays, not both");
        }
        if (ask.cutAt() != null) {
            if (!ask.cutAt().isBefore(now)) {
                throw ClientProblem.invalid("cutAt", "cutAt: must be in the past (what was bought after it is the answer)");
            }
            return ask.cutAt();
        }
        int days = ask.lastDays() == null ? DEFAULT_LAST_DAYS : ask.lastDays();
        return now.minus(days, ChronoUnit.DAYS);
    }
}
