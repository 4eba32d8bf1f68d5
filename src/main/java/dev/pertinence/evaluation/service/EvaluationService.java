package dev.pertinence.evaluation.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.jobs.Jobs;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Offline evaluations as jobs ({@link Jobs}: one queued or running at a time across replicas, on a
 * worker thread of its own, its progress, heartbeat and result in PostgreSQL, docs/evaluation.md):
 * checks and resolves what is asked, then hands it to the jobs, which run it with {@link EvaluationRunner}.
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

    private final Jobs<EvaluationSettings, EvaluationResult, Evaluation> jobs;
    private final OfferCatalog catalog;
    private final PertinenceConfig config;
    private final Clock clock;

    public EvaluationService(EvaluationStore store, EvaluationRunner runner, OfferCatalog catalog, PertinenceConfig config,
                             Clock clock) {
        this.jobs = new Jobs<>(store, runner::run, config, clock, LOG);
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        jobs.sweepAtStart();
    }

    @PreDestroy
    void stop() {
        jobs.stop();
    }

    public Evaluation start(Ask ask) {
        if (!config.evaluation().enabled()) {
            throw ClientProblem.turnedOff("evaluations", "pertinence.evaluation.enabled");
        }
        return jobs.start(resolve(ask, clock.instant()));
    }

    public Evaluation get(UUID id) {
        return jobs.get(id);
    }

    /** The result as an SVG chart; 409 while there is none. */
    public String chart(UUID id) {
        return EvaluationChart.svg(jobs.withResult(id));
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
