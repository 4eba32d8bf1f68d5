package dev.pertinence.decide.service;

import dev.pertinence.common.Budget;
import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.common.StartupGrace;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.RedisGeneration;
import dev.pertinence.contact.store.ContactStore;
import dev.pertinence.decision.Neighbour;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.copurchase.store.NeighbourCache;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.Segments;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Snapshot;
import dev.pertinence.decision.Strategy;
import dev.pertinence.decide.store.DecisionInputs;
import dev.pertinence.decide.store.DecisionInputsReader;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.decide.store.RecordedDecision;
import dev.pertinence.experiment.Assignment;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.service.ExperimentRegistry;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.product.store.ProductDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Gathers a decision's inputs, calls the pure core, reserves the chosen offers under the person's
 * contact caps, records the decision. PostgreSQL (profile and recent purchases: one query,
 * skipped for an anonymous visitor) and Redis (neighbours of the session's items; the person's
 * contact history) are read concurrently; products are labelled from the in-memory directory;
 * the neighbours of recent purchases follow in one more command when they are not cached yet.
 * Each read has its own budget; a failed or late read degrades the decision instead of failing
 * it, and the decision says so. Without the contact history, a channel with a contact cap
 * proposes nothing (over-contacting cannot be undone); other channels go on uncapped.
 *
 * <p>Consent ({@link ConsentPolicy}, read in the same PostgreSQL statement): without consent to
 * profiling the profile and history are left out (the person is still known, for their caps);
 * without consent to offers on the channel that reaches them, a named person is proposed nothing.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);
    private final ThrottledLog databaseFailures = new ThrottledLog(LOG, Duration.ofSeconds(10));
    private final ThrottledLog redisFailures = new ThrottledLog(LOG, Duration.ofSeconds(10));

    private final DecisionInputsReader reader;
    private final NeighbourCache neighbours;
    private final ActiveModel activeModel;
    private final OfferCatalog catalog;
    private final CandidateSets candidateSets;
    private final ProductDirectory productDirectory;
    private final DecisionRecorder recorder;
    private final ContactStore contacts;
    private final LearnedResponses learned;
    private final DecisionMetrics metrics;
    private final DecisionEngine engine;
    private final ConsentPolicy consentPolicy;
    private final ExperimentRegistry experiments;
    private final io.vertx.core.Vertx vertx;
    private final RedisGeneration generation;
    private final StartupGrace grace;
    private final PertinenceConfig.Decision config;
    private final Clock clock;

    public DecisionService(DecisionInputsReader reader, NeighbourCache neighbours, ActiveModel activeModel,
                           OfferCatalog catalog, CandidateSets candidateSets, ProductDirectory productDirectory,
                           DecisionRecorder recorder, ContactStore contacts, LearnedResponses learned,
                           ContactPolicy contactPolicy, ConsentPolicy consentPolicy, DecisionMetrics metrics,
                           ExperimentRegistry experiments, PertinenceConfig config, Clock clock, io.vertx.core.Vertx vertx,
                           RedisGeneration generation) {
        this.experiments = experiments;
        this.generation = generation;
        this.vertx = vertx;
        this.consentPolicy = consentPolicy;
        this.reader = reader;
        this.neighbours = neighbours;
        this.activeModel = activeModel;
        this.catalog = catalog;
        this.candidateSets = candidateSets;
        this.productDirectory = productDirectory;
        this.recorder = recorder;
        this.contacts = contacts;
        this.learned = learned;
        this.metrics = metrics;
        this.config = config.decision();
        this.grace = new StartupGrace(config.warmUp().grace(), config.warmUp().graceBudget());
        this.clock = clock;
        this.engine = new DecisionEngine(ScoringPolicies.from(config), contactPolicy);
    }



    public Uni<DecisionResult> decide(DecisionQuery query) {
        return decide(query, true);
    }

    /**
     * A decision without effects, to warm the path before the replica reports ready: the same reads
     * and the same core, but nothing recorded, reserved under the caps or counted in the metrics.
     */
    public Uni<DecisionResult> rehearse(DecisionQuery query) {
        return decide(query, false);
    }

    private Uni<DecisionResult> decide(DecisionQuery query, boolean live) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        UUID id = TimeOrderedId.at(now);
        if (live) {
            MDC.put("decisionId", id.toString()); // every line logged for this request names it (the MDC follows the request)
        }
        ActiveModel.Current model = activeModel.current();
        Gathering gathering = new Gathering(model.present(), live);
        List<String> notes = gathering.notes;
        if (!model.present()) {
            gathering.degraded("no_model");
        }
        List<String> sessionSkus = engine.evidenceSkus(query.context(), List.of(), now);

        String reference = query.customer() == null ? null : query.customer().key();
        Uni<DecisionInputs> inputs = reference == null ? Uni.createFrom().item(DecisionInputs.NONE)
                : Budget.within(vertx, grace.budget(config.databaseTimeout()), () -> reader.read(reference), failure -> {
                    databaseFailures.warn("Decision without profile", failure);
                    gathering.degraded("database");
                    gathering.profileUnavailable = true;
                    notes.add("Profile and purchases unavailable: decided from the session only");
                    return DecisionInputs.NONE;
                });
        Uni<Map<String, List<Neighbour>>> sessionNeighbours = neighboursOf(model, sessionSkus, gathering);
        // An identifier is only resolved by PostgreSQL: its contact state is read once the id is known.
        Uni<ContactStore.ContactState> contactHistory = contactsOf(
                query.customer() == null || query.customer().isIdentifier() ? null : reference, now, gathering);

        return Uni.combine().all().unis(inputs, sessionNeighbours, contactHistory).asTuple()
                .chain(gathered -> {
                    DecisionInputs found = gathered.getItem1();
                    CustomerProfile customer = found.customer();
                    List<PastPurchase> purchases = found.history();
                    String profilingRefusal = customer == null ? null : consentPolicy.profilingRefusal(found.consents());
                    if (profilingRefusal != null) {
                        customer = customer.withoutProfile();
                        purchases = List.of();
                        notes.add(profilingRefusal + ": decided from the context only");
                    }
                    CustomerProfile person = customer;
                    List<PastPurchase> history = purchases;
                    SessionContext context = withProducts(query.context(), sessionSkus);
                    List<String> historySkus = new ArrayList<>(engine.evidenceSkus(context, history, now));
                    historySkus.removeAll(sessionSkus);
                    String resolved = person == null ? null : person.id();
                    Uni<ContactStore.ContactState> contactState = resolved == null || resolved.equals(reference)
                            ? Uni.createFrom().item(gathered.getItem3()) : contactsOf(resolved, now, gathering);
                    return Uni.combine().all().unis(neighboursOf(model, historySkus, gathering), contactState).asTuple()
                            .map(more -> {
                        Map<String, List<Neighbour>> all = new HashMap<>(gathered.getItem2());
                        all.putAll(more.getItem1());
                        if (reference != null && person == null && !gathering.profileUnavailable) {
                            notes.add("Unknown customer: decided as for an anonymous visitor");
                        }
                        // a named person needs their consent to be reached on this channel; an anonymous visitor has none to
                        // give; consents that could not be read are not assumed
                        gathering.offersRefused = reference == null ? null
                                : consentPolicy.offersRefused(gathering.profileUnavailable ? null : found.consents(), context.channel());
                        String segment = Segments.of(person);
                        gathering.assignment = assign(query, person, gathering, context, now);
                        Strategy strategy = gathering.assignment == null ? Strategy.PERSONALISED
                                : gathering.assignment.arm().strategy();
                        return new Snapshot(now, person, history, context, all, gathering.modelRead,
                                candidateSets.get(catalog.index(), model, context.channel(), context.placement(), segment,
                                        strategy, engine.policy(), learned),
                                query.limit(), query.explain(), query.allowSameCategory(), more.getItem2().history(),
                                learned, strategy.exploration() > 0 ? new SplittableRandom() : null);
                    });
                })
                .chain(snapshot -> {
                    Decision decided = gathering.offersRefused == null ? engine.decide(snapshot)
                            : engine.decide(snapshot).withdrawn(gathering.offersRefused);
                    Uni<Decision> reserved = live ? reserve(id, decided, snapshot, gathering) : Uni.createFrom().item(decided);
                    return reserved.map(decision -> {
                        notes.addAll(decision.notes());
                        DecisionResult result = new DecisionResult(id,
                                snapshot.customer() == null ? null : snapshot.customer().id(),
                                gathering.modelRead ? model.version() : null, now, decision, List.copyOf(notes),
                                List.copyOf(gathering.degraded), snapshot.candidates().size(), gathering.assignment);
                        if (!live) {
                            return result;
                        }
                        recorder.record(toRecord(result, snapshot.context(), snapshot.candidates().segment(),
                                gathering.assignment == null ? null : experiments.pseudonymOf(gathering.assignment)));
                        metrics.decided(snapshot.context().channel(),
                                catalog.index().placementKey(snapshot.context().channel(), snapshot.context().placement()),
                                gathering.assignment == null ? "none" : gathering.assignment.arm().name(),
                                decision.explored(), System.nanoTime() - started, decision.offers().size());
                        return result;
                    });
                });
    }

    /**
     * What one decision learnt while gathering its inputs. The callbacks of one request run on its
     * event loop, one at a time, so plain fields do.
     */
    private final class Gathering {
        final List<String> notes = new ArrayList<>();
        boolean modelRead;
        boolean contactsKnown = true;
        boolean profileUnavailable;
        String offersRefused;
        Assignment assignment;
        ContactStore.ContactState contactState = ContactStore.ContactState.NONE;
        /** What the decision went without: redis, database, no_model (each once, in the order met). */
        final Set<String> degraded = new LinkedHashSet<>(2);
        /** False for a rehearsal: nothing counted. */
        final boolean live;

        Gathering(boolean modelPresent, boolean live) {
            this.modelRead = modelPresent;
            this.live = live;
        }

        /** A decision degraded by a cause counts once in the metric, however many of its reads failed. */
        void degraded(String cause) {
            if (degraded.add(cause) && live) {
                metrics.degraded(cause);
            }
        }

        void redisFailed() {
            degraded("redis");
        }
    }

    /**
     * The experiment arm of this decision: by the person's id, else the reference the caller gave
     * (an unknown customer), else the visitor id; none for a visitor without one, nor for a person
     * named by an identifier PostgreSQL could not resolve (their arm is not known).
     */
    private Assignment assign(DecisionQuery query, CustomerProfile person, Gathering gathering, SessionContext context,
                              Instant now) {
        Experiment experiment = experiments.find(context.channel(), context.placement(), now);
        if (experiment == null) {
            return null;
        }
        String unit;
        if (person != null) {
            unit = "customer:" + person.id();
        } else if (query.customer() != null) {
            unit = gathering.profileUnavailable && query.customer().isIdentifier() ? null : "customer:" + query.customer().key();
        } else {
            unit = query.visitorId() == null ? null : "visitor:" + query.visitorId();
        }
        return unit == null ? null : experiment.assign(unit);
    }

    private Uni<ContactStore.ContactState> contactsOf(String customerId, Instant now, Gathering gathering) {
        if (customerId == null) {
            return Uni.createFrom().item(ContactStore.ContactState.NONE);
        }
        if (generation.rebuilding()) {
            // Redis lost its data: an empty history now means "forgotten", not "never contacted"
            gathering.redisFailed();
            gathering.notes.add("Contact history being rebuilt (Redis lost its data): contact caps could not be checked");
            gathering.contactsKnown = false;
            return Uni.createFrom().item(ContactStore.ContactState.NONE);
        }
        ContactPolicy policy = engine.contactPolicy();
        return Budget.within(vertx, grace.budget(config.redisTimeout()),
                () -> contacts.read(customerId, now.minus(policy.lookBack()), now.minus(policy.reservationHold()), this::categoryOf)
                        .onSuccess(state -> gathering.contactState = state),
                failure -> {
                    redisFailures.warn("Decision without contact history", failure);
                    gathering.redisFailed();
                    gathering.notes.add("Contact history unavailable: contact caps could not be checked");
                    gathering.contactsKnown = false;
                    return ContactStore.ContactState.NONE;
                });
    }

    /** A refused offer's category (its refusal counts against the category): from the catalogue, null once it left it. */
    private String categoryOf(String offerId) {
        dev.pertinence.decision.CandidateOffer offer = catalog.index().offer(offerId);
        return offer == null ? null : offer.category();
    }

    /**
     * Reserves the chosen offers under the person's caps, atomically in Redis: what a concurrent
     * decision for the same person took first is withdrawn. Only for a known customer.
     */
    private Uni<Decision> reserve(UUID id, Decision decision, Snapshot snapshot, Gathering gathering) {
        if (snapshot.customer() == null || decision.offers().isEmpty()) {
            return Uni.createFrom().item(decision);
        }
        String channel = snapshot.context().channel();
        boolean capped = engine.contactPolicy().channelCaps().containsKey(channel);
        if (!gathering.contactsKnown) {
            return Uni.createFrom().item(unchecked(decision, channel, capped));
        }
        ContactPolicy policy = engine.contactPolicy();
        Map<String, dev.pertinence.decision.Cap> offers = new java.util.LinkedHashMap<>();
        decision.offers().forEach(offer -> offers.put(offer.offer().id(), offer.offer().frequencyCap(policy)));
        return Budget.within(vertx, grace.budget(config.redisTimeout()),
                () -> contacts.reserve(snapshot.customer().id(), id.toString(), channel, offers, decision.caps(),
                        policy.reservationHold(), policy.lookBack(), snapshot.now(), gathering.contactState).map(decision::reserved),
                failure -> {
                    redisFailures.warn("Decision offers not reserved under contact caps", failure);
                    gathering.redisFailed();
                    return unchecked(decision, channel, capped);
                });
    }

    /**
     * A decision whose caps could not be checked: nothing on a channel with a contact cap (a message
     * sent too many cannot be taken back), as decided on the others (docs/feedback-loop.md).
     */
    private static Decision unchecked(Decision decision, String channel, boolean capped) {
        return capped ? decision.withdrawn("Nothing proposed on " + channel + ": its contact cap could not be checked") : decision;
    }

    private Uni<Map<String, List<Neighbour>>> neighboursOf(ActiveModel.Current model, List<String> skus, Gathering gathering) {
        if (!model.present() || skus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return neighbours.neighbours(model.version(), skus)
                .ifNoItem().after(grace.budget(config.redisTimeout())).fail()
                .onFailure().recoverWithItem(failure -> {
                    redisFailures.warn("Decision without co-purchase neighbours", failure);
                    gathering.modelRead = false;
                    gathering.redisFailed();
                    return Map.of();
                });
    }

    /** Labels the cart and the viewed product from the in-memory product directory. */
    private SessionContext withProducts(SessionContext context, List<String> sessionSkus) {
        Map<String, SessionContext.ProductInfo> products = new HashMap<>();
        for (String sku : sessionSkus) {
            SessionContext.ProductInfo info = productDirectory.get(sku);
            if (info != null) {
                products.put(sku, info);
            }
        }
        return new SessionContext(context.channel(), context.placement(), context.localTime(), context.cart(),
                context.currentProduct(), products, context.latitude(), context.longitude(), context.storeId(), context.device());
    }

    /** Offer ids match ApiPatterns.ID (no quote, no backslash), so the JSON needs no escaping. */
    private static RecordedDecision toRecord(DecisionResult result, SessionContext context, String segment, Long pseudonym) {
        StringBuilder offers = new StringBuilder(64 * result.decision().offers().size() + 2).append('[');
        for (RankedOffer offer : result.decision().offers()) {
            if (offers.length() > 1) {
                offers.append(',');
            }
            offers.append("{\"offerId\":\"").append(offer.offer().id()).append("\",\"rank\":").append(offer.rank())
                    .append(",\"score\":").append(offer.score()).append('}');
        }
        Assignment assignment = result.assignment();
        return new RecordedDecision(result.id(), result.customerId(), segment, context.channel(), context.placement(),
                result.modelVersion(), offers.append(']').toString(), result.decidedAt(),
                assignment == null ? null : assignment.experimentId(), assignment == null ? null : assignment.arm().name(),
                pseudonym, result.decision().explored());
    }
}
