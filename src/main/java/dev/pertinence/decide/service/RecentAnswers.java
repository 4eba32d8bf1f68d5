package dev.pertinence.decide.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.consent.service.ConsentService;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.DecisionResult;
import dev.pertinence.decide.PageDecision;
import dev.pertinence.decide.PageQuery;
import dev.pertinence.decide.store.RecentAnswerStore;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DroppedOffer;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.Strategy;
import dev.pertinence.experiment.Assignment;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.purchase.PurchasesRecorded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A screen refreshed within {@code pertinence.decision.refresh-window} gets the decision it was given back
 * (same id, same offers), reserving nothing again: before this, four refreshes of an agent card reserved its
 * offers four times and the fourth found them capped. The answer is kept in Redis in the person's slot
 * ({@link RecentAnswerStore}), so a refresh served by another replica finds it.
 *
 * <p>Reused only when the same person asks on the same channel and placement with the same request (its
 * {@code fingerprint}), their consents unchanged and every offer still in the catalogue; an answer the person
 * gave to an offer (accept, convert, refuse, dismiss) ends the reuse ({@link #forget}), as a purchase of theirs does
 * ({@link #purchased}). A decision that went
 * without Redis or PostgreSQL is not kept (one without a co-purchase model is: that lasts). Redis failing:
 * decided afresh, as if nothing were kept.
 *
 * <p>A page layout is kept the same way ({@link #layout}, field {@code layout|<page>}): the same sections, cart
 * and viewed product give the same layout back, its decisionId and order, recorded once.
 */
@ApplicationScoped
public class RecentAnswers {

    private static final Logger LOG = Logger.getLogger(RecentAnswers.class);
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofSeconds(10));

    private final DecisionService decisions;
    private final PageDecisions pages;
    private final RecentAnswerStore store;
    private final CustomerResolver resolver;
    private final ConsentService consents;
    private final OfferCatalog catalog;
    private final StoreBudgets budgets;
    private final Clock clock;
    private final Duration window;
    private final Duration commandTimeout;
    private final Duration backgroundTimeout;
    private final Counter reused;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public RecentAnswers(DecisionService decisions, PageDecisions pages, RecentAnswerStore store, CustomerResolver resolver,
                         ConsentService consents, OfferCatalog catalog, StoreBudgets budgets, Clock clock, PertinenceConfig config,
                         MeterRegistry meters) {
        this.decisions = decisions;
        this.pages = pages;
        this.store = store;
        this.resolver = resolver;
        this.consents = consents;
        this.catalog = catalog;
        this.budgets = budgets;
        this.clock = clock;
        this.window = config.decision().refreshWindow();
        this.commandTimeout = config.redis().commandTimeout();
        this.backgroundTimeout = config.redis().backgroundTimeout();
        this.reused = Counter.builder("pertinence.decisions.reused")
                .description("Decisions given back to a refreshed screen within the refresh window, reserving nothing again")
                .register(meters);
    }

    /**
     * {@code POST /v1/decisions} with {@code reuseRecent}: the same request of the same known person within the
     * window is answered as before. An anonymous or unknown person is decided afresh (they reserve nothing).
     */
    public Uni<DecisionResult> decide(DecisionQuery query) {
        if (query.customer() == null || window.isZero()) {
            return decisions.decide(query);
        }
        return resolver.resolve(query.customer())
                .chain(customerId -> customerId == null ? decisions.decide(query) : decide(query, customerId, fingerprint(query)));
    }

    /**
     * For a person already resolved (the agent card): the answer kept for this channel, placement and
     * {@code fingerprint} (what else the answer depends on), else a new decision, kept.
     */
    /** A dry run: never reads a kept answer nor keeps one (a kept real decision is not what would be decided now). */
    public Uni<DecisionResult> rehearse(DecisionQuery query) {
        return decisions.rehearse(query);
    }

    public Uni<DecisionResult> decide(DecisionQuery query, String customerId, String fingerprint) {
        if (window.isZero()) {
            return decisions.decide(query);
        }
        String field = query.context().channel() + "|" + query.context().placement();
        return Uni.combine().all().unis(recall(customerId, field, Kept.class), consentsOf(customerId)).asTuple().chain(both -> {
            String consented = both.getItem2().orElse(null);
            Kept kept = both.getItem1().orElse(null);
            DecisionResult again = fresh(kept, fingerprint, consented) ? reusable(kept, clock.instant()) : null;
            if (again != null) {
                reused.increment();
                return Uni.createFrom().item(again);
            }
            return decisions.decide(query).call(result -> keep(customerId, field, consented, result.degraded(),
                    () -> Kept.of(fingerprint, consented, clock.instant(), result)));
        });
    }

    /**
     * A page layout ({@code POST /v1/page-layouts}): the same known person asking for the same page with the same
     * sections, cart and viewed product within the window gets the same layout back (same decisionId, same
     * order), recorded once. An anonymous or unknown visitor is ordered afresh, and recorded, each time.
     */
    public Uni<PageDecision> layout(PageQuery query) {
        if (query.customer() == null || window.isZero()) {
            return pages.order(query);
        }
        return resolver.resolve(query.customer()).chain(customerId -> customerId == null ? pages.order(query)
                : layout(query, customerId, fingerprint(query)));
    }

    private Uni<PageDecision> layout(PageQuery query, String customerId, String fingerprint) {
        String field = "layout|" + query.page(); // a page id has no '|': apart from decisions' channel|placement
        return Uni.combine().all().unis(recall(customerId, field, KeptLayout.class), consentsOf(customerId)).asTuple()
                .chain(both -> {
                    String consented = both.getItem2().orElse(null);
                    KeptLayout kept = both.getItem1().orElse(null);
                    if (fresh(kept, fingerprint, consented)) {
                        reused.increment();
                        return Uni.createFrom().item(kept.layout());
                    }
                    return pages.order(query).call(layout -> keep(customerId, field, consented, layout.degraded(),
                            () -> KeptLayout.of(fingerprint, consented, clock.instant(), layout)));
                });
    }

    /** The person answered an offer: their next screens are decided afresh. */
    public Uni<Void> forget(String customerId) {
        return store.forget(customerId, commandTimeout);
    }

    /**
     * People bought something (the purchase is stored): their next screens are decided afresh, with what they bought
     * (an offer for it may no longer be for them). Synchronous, before the write is answered; it runs on the
     * ingest's worker thread. Redis failing: logged, the kept answers then end with their window.
     */
    void purchased(@Observes PurchasesRecorded purchases) {
        if (window.isZero()) {
            return;
        }
        try {
            store.forget(purchases.customerIds(), backgroundTimeout).await().indefinitely();
        } catch (RuntimeException failure) {
            failures.warn("Kept answers of buyers not forgotten: they end with the refresh window", failure);
        }
    }

    /** What a layout depends on besides the person and page: its sections (ids and topics, in order), cart and viewed product. */
    static String fingerprint(PageQuery query) {
        // tags are free text ("x, y" is one tag): each part is length-prefixed, so no two set-ups read alike
        StringBuilder fingerprint = new StringBuilder("layout");
        for (var section : query.sections()) {
            part(fingerprint.append("|s"), section.id());
            new TreeSet<>(section.topics()).forEach(topic -> part(fingerprint.append(",t"), topic));
        }
        query.cart().forEach(sku -> part(fingerprint.append("|c"), sku));
        part(fingerprint.append("|p"), String.valueOf(query.currentProduct()));
        return fingerprint.toString();
    }

    private static void part(StringBuilder fingerprint, String text) {
        fingerprint.append(text.length()).append(':').append(text);
    }

    /** What the decision depends on besides the person, channel and placement. */
    static String fingerprint(DecisionQuery query) {
        var context = query.context();
        return String.join("|", "decision", String.valueOf(query.limit()), String.valueOf(query.explain()),
                String.valueOf(query.allowSameCategory()), String.valueOf(query.bestChannelAmong()), String.valueOf(context.cart()),
                String.valueOf(context.currentProduct()), String.valueOf(context.latitude()), String.valueOf(context.longitude()),
                String.valueOf(context.storeId()), String.valueOf(context.device()));
    }

    private <K extends Answer> Uni<Optional<K>> recall(String customerId, String field, Class<K> type) {
        return store.read(customerId, field, budgets.redis())
                .map(answer -> Optional.ofNullable(parse(answer, type)))
                .onFailure().recoverWithItem(failure -> {
                    failures.warn("Recent answer not read: deciding afresh", failure);
                    return Optional.empty();
                });
    }

    /** Consents as they stand: an answer kept under other consents is not given again. */
    private Uni<Optional<String>> consentsOf(String customerId) {
        return consents.read(customerId)
                .map(read -> Optional.of(read.effective().profiling() + "|" + new TreeMap<>(read.effective().offers())))
                .onFailure().recoverWithItem(Optional.empty());
    }

    private Uni<Void> keep(String customerId, String field, String consented, List<String> degraded, Supplier<Answer> kept) {
        if (consented == null || degraded.contains("redis") || degraded.contains("database")) {
            return Uni.createFrom().voidItem();
        }
        String answer;
        try {
            answer = json.writeValueAsString(kept.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept answer is plain data", e);
        }
        return store.write(customerId, field, answer, window, budgets.redis())
                .onFailure().invoke(failure -> failures.warn("Recent answer not kept: a refresh will decide afresh", failure))
                .onFailure().recoverWithNull();
    }

    private <K extends Answer> K parse(String answer, Class<K> type) {
        if (answer == null) {
            return null;
        }
        try {
            return json.readValue(answer, type);
        } catch (JsonProcessingException e) {
            LOG.debugf("Recent answer unreadable (written by another version?): deciding afresh");
            return null;
        }
    }

    /** Kept for this request, under the consents as they stand, and within the window of its decision. */
    private boolean fresh(Answer kept, String fingerprint, String consented) {
        // the window runs from the decision, as its contact and budget holds do: never reused past them
        return kept != null && consented != null && kept.fingerprint().equals(fingerprint) && kept.consents().equals(consented)
                && Instant.ofEpochMilli(kept.decidedAt()).plus(window).isAfter(clock.instant());
    }

    private DecisionResult reusable(Kept kept, Instant now) {
        List<RankedOffer> offers = new ArrayList<>(kept.offers().size());
        for (KeptOffer offer : kept.offers()) {
            CandidateOffer candidate = catalog.index().offer(offer.offerId());
            if (candidate == null || !candidate.validAt(now)) {
                return null; // paused, ended or past its validUntil since: the screen must not show it again
            }
            offers.add(offer.ranked(candidate));
        }
        Decision decision = new Decision(List.copyOf(offers), kept.dropped().stream()
                .map(d -> new DroppedOffer(d.offerId(), DroppedOffer.Reason.valueOf(d.reason()), d.detail(), d.score())).toList(),
                kept.droppedTotal(), List.of(), null, kept.explored());
        List<String> notes = new ArrayList<>(kept.notes());
        notes.add("Same decision as at " + Instant.ofEpochMilli(kept.decidedAt())
                + " (a refresh within the refresh window): the same offers, nothing reserved again");
        Assignment assignment = kept.experimentId() == null ? null : new Assignment(kept.experimentId(),
                new Experiment.Arm(kept.arm(), kept.armShare(), new Strategy(Strategy.Kind.valueOf(kept.armKind()), Map.of(), 0.0)),
                null);
        return new DecisionResult(UUID.fromString(kept.id()), kept.customerId(), kept.channel(), kept.placement(), kept.segment(),
                kept.modelVersion(), Instant.ofEpochMilli(kept.decidedAt()), decision, List.copyOf(notes), kept.degraded() == null ? List.of() : kept.degraded(),
                kept.candidates(), assignment, kept.experimentUnit(), null); // not recorded again: its context is the audit's
    }

    /** What every kept answer says: the request it answered, the consents it was made under, and when it was made. */
    interface Answer {
        String fingerprint();

        String consents();

        long decidedAt();
    }

    /** An answer as kept in Redis: plain values; the offers themselves are read from the catalogue again. */
    public record Kept(String fingerprint, String consents, long keptAt, String id, String customerId, String channel,
                String placement, String segment, String modelVersion, long decidedAt, List<KeptOffer> offers,
                List<KeptDropped> dropped, int droppedTotal, boolean explored, List<String> notes, int candidates,
                String experimentId, String arm, int armShare, String armKind, Long experimentUnit, List<String> degraded)
            implements Answer {

        static Kept of(String fingerprint, String consents, Instant now, DecisionResult result) {
            Decision decision = result.decision();
            Assignment assignment = result.assignment();
            return new Kept(fingerprint, consents, now.toEpochMilli(), result.id().toString(), result.customerId(),
                    result.channel(), result.placement(), result.segment(), result.modelVersion(), result.decidedAt().toEpochMilli(),
                    decision.offers().stream().map(KeptOffer::of).toList(),
                    decision.dropped().stream().map(d -> new KeptDropped(d.offerId(), d.reason().name(), d.detail(), d.score()))
                            .toList(),
                    decision.droppedTotal(), decision.explored(), result.notes(), result.candidates(),
                    assignment == null ? null : assignment.experimentId(), assignment == null ? null : assignment.arm().name(),
                    assignment == null ? 0 : assignment.arm().shareBasisPoints(),
                    assignment == null ? null : assignment.arm().strategy().kind().name(), result.experimentUnit(),
                    result.degraded());
        }
    }

    public record KeptOffer(String offerId, int rank, double score, double propensity, double affinity, double popularity,
                     double learnedLift, double contextWeight, double novelty, List<String> reasons, String message,
                     double lever, boolean explored, String plainReason) {

        static KeptOffer of(RankedOffer ranked) {
            return new KeptOffer(ranked.offer().id(), ranked.rank(), ranked.score(), ranked.propensity(), ranked.affinity(),
                    ranked.popularity(), ranked.learnedLift(), ranked.contextWeight(), ranked.novelty(), ranked.reasons(),
                    ranked.message(), ranked.lever(), ranked.explored(), ranked.plainReason());
        }

        RankedOffer ranked(CandidateOffer offer) {
            return new RankedOffer(offer, rank, score, propensity, affinity, popularity, learnedLift, contextWeight, novelty,
                    List.copyOf(reasons), message, lever, explored, plainReason);
        }
    }

    public record KeptDropped(String offerId, String reason, String detail, double score) {
    }

    /** A page layout as kept in Redis: plain values, given back as they were (it reserved nothing). */
    public record KeptLayout(String fingerprint, String consents, long keptAt, String id, String customerId, String page,
                             String segment, String modelVersion, long decidedAt, List<PageOrder.Placed> sections,
                             List<String> notes, List<String> degraded, String experimentId, String arm, int armShare,
                             String armKind, Long experimentUnit) implements Answer {

        static KeptLayout of(String fingerprint, String consents, Instant now, PageDecision layout) {
            Assignment assignment = layout.assignment();
            return new KeptLayout(fingerprint, consents, now.toEpochMilli(), layout.id().toString(), layout.customerId(),
                    layout.page(), layout.segment(), layout.modelVersion(), layout.decidedAt().toEpochMilli(), layout.sections(),
                    layout.notes(), layout.degraded(), assignment == null ? null : assignment.experimentId(),
                    assignment == null ? null : assignment.arm().name(), assignment == null ? 0 : assignment.arm().shareBasisPoints(),
                    assignment == null ? null : assignment.arm().strategy().kind().name(), layout.experimentUnit());
        }

        PageDecision layout() {
            List<String> noted = new ArrayList<>(notes);
            noted.add("Same layout as at " + Instant.ofEpochMilli(decidedAt)
                    + " (a refresh within the refresh window): the same order, recorded once");
            Assignment assignment = experimentId == null ? null : new Assignment(experimentId,
                    new Experiment.Arm(arm, armShare, new Strategy(Strategy.Kind.valueOf(armKind), Map.of(), 0.0)), null);
            return new PageDecision(UUID.fromString(id), customerId, page, segment, modelVersion, Instant.ofEpochMilli(decidedAt),
                    List.copyOf(sections), List.copyOf(noted), degraded == null ? List.of() : degraded, assignment, experimentUnit,
                    null);
        }
    }
}
