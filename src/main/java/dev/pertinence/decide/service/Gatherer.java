package dev.pertinence.decide.service;

import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.redis.RedisGeneration;
import dev.pertinence.contact.store.ContactStore;
import dev.pertinence.contact.store.ContactStore.ContactState;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.copurchase.store.NeighbourCache;
import dev.pertinence.decide.store.DecisionInputs;
import dev.pertinence.decide.store.DecisionInputsReader;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.Segments;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Strategy;
import dev.pertinence.experiment.Assignment;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.service.ExperimentRegistry;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.product.store.ProductDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@link Gathering} from PostgreSQL and Redis. The profile and recent purchases (one statement,
 * skipped for an anonymous visitor), the neighbours of the session's items and the person's
 * contact state are read concurrently; the neighbours of recent purchases follow in one more
 * command, and the contact state too when the person was named by an identifier only PostgreSQL
 * resolves. Products are labelled from the in-memory directory, candidates come from the prepared
 * sets. Each read has its own budget ({@link StoreBudgets}).
 *
 * <p>Consent ({@link ConsentPolicy}, read in the same PostgreSQL statement): without consent to
 * profiling the profile and history are left out (the person is still known, for their caps);
 * without consent to offers on the channel that reaches them, a named person is proposed nothing.
 * Without the contact state a channel with a contact cap proposes nothing (the service withdraws).
 */
@ApplicationScoped
public class Gatherer implements Gathering {

    private static final Logger LOG = Logger.getLogger(Gatherer.class);
    private final ThrottledLog databaseFailures = new ThrottledLog(LOG, Duration.ofSeconds(10));
    private final ThrottledLog redisFailures = new ThrottledLog(LOG, Duration.ofSeconds(10));

    private final DecisionInputsReader profiles;
    private final NeighbourCache neighbours;
    private final ActiveModel activeModel;
    private final ContactStore contacts;
    private final RedisGeneration generation;
    private final ProductDirectory products;
    private final OfferCatalog catalog;
    private final CandidateSets candidateSets;
    private final LearnedResponses learned;
    private final ExperimentRegistry experiments;
    private final ConsentPolicy consentPolicy;
    private final DecisionEngine engine;
    private final StoreBudgets budgets;
    private final BudgetReservations offerBudgets;

    public Gatherer(DecisionInputsReader profiles, NeighbourCache neighbours, ActiveModel activeModel, ContactStore contacts,
                    RedisGeneration generation, ProductDirectory products, OfferCatalog catalog, CandidateSets candidateSets,
                    LearnedResponses learned, ExperimentRegistry experiments, ConsentPolicy consentPolicy, DecisionEngine engine,
                    StoreBudgets budgets, BudgetReservations offerBudgets) {
        this.profiles = profiles;
        this.neighbours = neighbours;
        this.activeModel = activeModel;
        this.contacts = contacts;
        this.generation = generation;
        this.products = products;
        this.catalog = catalog;
        this.candidateSets = candidateSets;
        this.learned = learned;
        this.experiments = experiments;
        this.consentPolicy = consentPolicy;
        this.engine = engine;
        this.budgets = budgets;
        this.offerBudgets = offerBudgets;
    }

    /** Neighbours by SKU, and whether Redis failed to give them. */
    private record Neighbours(Map<String, List<Neighbour>> bySku, boolean failed) {
        static final Neighbours NONE = new Neighbours(Map.of(), false);
    }

    /** A contact state, whether it could be read, and what to say when it could not. */
    private record Contacts(ContactState state, boolean known, String note) {
        static final Contacts NONE = new Contacts(ContactState.NONE, true, null);
    }

    /** The person after consent: their profile (null when unknown) and the history profiling allows. */
    private record Person(DecisionInputs read, CustomerProfile profile, List<PastPurchase> history, String profilingRefusal) {
        boolean unavailable() {
            return read == DecisionInputs.UNAVAILABLE;
        }

        String id() {
            return profile == null ? null : profile.id();
        }
    }

    /** The first reads of every request: the person, the labelled session, the neighbours of both, maybe a contact state. */
    private record Read(Person person, SessionContext context, ActiveModel.Current model, Map<String, List<Neighbour>> neighbours,
                        boolean modelRead, Contacts contacts) {
    }

    @Override
    public Uni<Gathered> forDecision(DecisionQuery query, Instant now) {
        String reference = query.customer() == null ? null : query.customer().key();
        // an identifier is only resolved by PostgreSQL: its contact state is read once the id is known
        String knownId = reference == null || query.customer().isIdentifier() ? null : reference;
        // the spending of the budgeted candidates, beside the other reads; nothing is read when no candidate has a budget
        Uni<BudgetReservations.Read> spending = offerBudgets.read(
                catalog.index().budgeted(query.context().channel(), query.context().placement()), now);
        return Uni.combine().all().unis(read(query.customer(), query.context(), now, contactsOf(knownId, now)), spending).asTuple()
                .chain(both -> {
                    Read read = both.getItem1();
                    String resolved = read.person().id();
                    Uni<Contacts> contacts = resolved == null || resolved.equals(reference)
                            ? Uni.createFrom().item(read.contacts()) : contactsOf(resolved, now);
                    return contacts.map(found -> decision(query, now, read, found, both.getItem2()));
                });
    }

    @Override
    public Uni<Gathered> forPage(CustomerReference customer, String visitorId, SessionContext context, Collection<String> learnedKeys,
                                 Instant now) {
        learned.watch(learnedKeys); // not in the catalogue: re-read from now on (no command on this request's path)
        return read(customer, context, now, Uni.createFrom().item(Contacts.NONE)).map(read -> {
            Assignment assignment = assign(customer, visitorId, read.person(), read.context(), now);
            return new Gathered(read.context(), customer != null, read.person().profile(), read.person().history(),
                    read.person().profilingRefusal(), read.person().unavailable(), read.neighbours(),
                    read.modelRead() ? read.model().version() : null, ContactState.NONE, true, null, assignment,
                    assignment == null ? null : experiments.pseudonymOf(assignment), null, learned.frozen(learned.version()),
                    List.of(), degraded(read, Contacts.NONE, false));
        });
    }

    /**
     * The profile (PostgreSQL), the session's neighbours and {@code contacts} concurrently, then the
     * neighbours of the person's recent purchases.
     */
    private Uni<Read> read(CustomerReference customer, SessionContext asked, Instant now, Uni<Contacts> contacts) {
        ActiveModel.Current model = activeModel.current();
        SessionContext context = labelled(asked);
        List<String> sessionSkus = context.sessionSkus();
        Uni<DecisionInputs> inputs = customer == null ? Uni.createFrom().item(DecisionInputs.NONE)
                : budgets.database(() -> profiles.read(customer.key()), failure -> {
                    databaseFailures.warn("Decision without profile", failure);
                    return DecisionInputs.UNAVAILABLE;
                });
        return Uni.combine().all().unis(inputs, neighboursOf(model, sessionSkus), contacts).asTuple().chain(first -> {
            Person person = person(first.getItem1());
            List<String> historySkus = new ArrayList<>(engine.evidenceSkus(context, person.history(), now));
            historySkus.removeAll(sessionSkus);
            Neighbours session = first.getItem2();
            return neighboursOf(model, historySkus).map(history -> {
                Map<String, List<Neighbour>> all = new HashMap<>(session.bySku());
                all.putAll(history.bySku());
                return new Read(person, context, model, all, model.present() && !session.failed() && !history.failed(),
                        first.getItem3());
            });
        });
    }

    private Person person(DecisionInputs read) {
        CustomerProfile profile = read.customer();
        String refusal = profile == null ? null : consentPolicy.profilingRefusal(read.consents());
        return refusal == null ? new Person(read, profile, read.history(), null)
                : new Person(read, profile.withoutProfile(), List.of(), refusal);
    }

    private Gathered decision(DecisionQuery query, Instant now, Read read, Contacts contacts, BudgetReservations.Read spending) {
        Person person = read.person();
        SessionContext context = read.context();
        boolean named = query.customer() != null;
        // a named person needs their consent to be reached on this channel; an anonymous visitor has none to give;
        // consents that could not be read are not assumed
        String offersRefused = !named ? null
                : consentPolicy.offersRefused(person.unavailable() ? null : person.read().consents(), context.channel());
        Assignment assignment = assign(query.customer(), query.visitorId(), person, context, now);
        Strategy strategy = assignment == null ? Strategy.PERSONALISED : assignment.arm().strategy();
        CandidateSet candidates = candidateSets.get(catalog.index(), read.model(), context.channel(), context.placement(),
                Segments.of(person.profile()), strategy, engine.policy(), learned);
        return new Gathered(context, named, person.profile(), person.history(), person.profilingRefusal(), person.unavailable(),
                read.neighbours(), read.modelRead() ? read.model().version() : null, contacts.state(), contacts.known(), offersRefused, assignment,
                assignment == null ? null : experiments.pseudonymOf(assignment), candidates,
                learned.frozen(candidates.learnedVersion()), contacts.note() == null ? List.of() : List.of(contacts.note()),
                degraded(read, contacts, spending.failed()), spending.spending());
    }

    /** What the request went without: no_model, database, redis. */
    private static List<String> degraded(Read read, Contacts contacts, boolean budgetsFailed) {
        List<String> degraded = new ArrayList<>(2);
        if (!read.model().present()) {
            degraded.add("no_model");
        }
        if (read.person().unavailable()) {
            degraded.add("database");
        }
        if ((read.model().present() && !read.modelRead()) || !contacts.known() || budgetsFailed) {
            degraded.add("redis");
        }
        return List.copyOf(degraded);
    }

    /**
     * The experiment arm of this decision: by the person's id, else the reference the caller gave
     * (an unknown customer), else the visitor id; none for a visitor without one, nor for a person
     * named by an identifier PostgreSQL could not resolve (their arm is not known).
     */
    private Assignment assign(CustomerReference customer, String visitorId, Person person, SessionContext context, Instant now) {
        Experiment experiment = experiments.find(context.channel(), context.placement(), now);
        if (experiment == null) {
            return null;
        }
        String unit;
        if (person.id() != null) {
            unit = "customer:" + person.id();
        } else if (customer != null) {
            unit = person.unavailable() && customer.isIdentifier() ? null : "customer:" + customer.key();
        } else {
            unit = visitorId == null ? null : "visitor:" + visitorId;
        }
        return unit == null ? null : experiment.assign(unit);
    }

    private Uni<Contacts> contactsOf(String customerId, Instant now) {
        if (customerId == null) {
            return Uni.createFrom().item(Contacts.NONE);
        }
        if (generation.rebuilding()) {
            // Redis lost its data: an empty history now means "forgotten", not "never contacted"
            return Uni.createFrom().item(new Contacts(ContactState.NONE, false,
                    "Contact history being rebuilt (Redis lost its data): contact caps could not be checked"));
        }
        ContactPolicy policy = engine.contactPolicy();
        return budgets.redis(
                () -> contacts.read(customerId, now.minus(policy.lookBack()), now.minus(policy.reservationHold()), this::categoryOf)
                        .map(state -> new Contacts(state, true, null)),
                failure -> {
                    redisFailures.warn("Decision without contact history", failure);
                    return new Contacts(ContactState.NONE, false, "Contact history unavailable: contact caps could not be checked");
                });
    }

    /** A refused offer's category (its refusal counts against the category): from the catalogue, null once it left it. */
    private String categoryOf(String offerId) {
        CandidateOffer offer = catalog.index().offer(offerId);
        return offer == null ? null : offer.category();
    }

    private Uni<Neighbours> neighboursOf(ActiveModel.Current model, List<String> skus) {
        if (!model.present() || skus.isEmpty()) {
            return Uni.createFrom().item(Neighbours.NONE);
        }
        return neighbours.neighbours(model.version(), skus).map(found -> new Neighbours(found, false))
                .ifNoItem().after(budgets.redis()).fail()
                .onFailure().recoverWithItem(failure -> {
                    redisFailures.warn("Decision without co-purchase neighbours", failure);
                    return new Neighbours(Map.of(), true);
                });
    }

    /** Labels the cart and the viewed product from the in-memory product directory. */
    private SessionContext labelled(SessionContext context) {
        Map<String, SessionContext.ProductInfo> known = new HashMap<>();
        for (String sku : context.sessionSkus()) {
            SessionContext.ProductInfo info = products.get(sku);
            if (info != null) {
                known.put(sku, info);
            }
        }
        return context.withProducts(known);
    }
}
