package dev.pertinence.cascade.service;

import dev.pertinence.cascade.store.CascadeStore;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.service.DecisionService;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.outcome.OutcomeType;
import dev.pertinence.outcome.service.OutcomesRecorded;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Cascades: step 1 is decided at creation; a step whose decision proposes nothing (no consent on
 * its channel, a contact cap, nothing eligible) is skipped with the decision's notes as its reason,
 * and the next one is decided at once. A sent step waits for its answer: an outcome for its
 * decision (an impression when {@code until} is impression, else a response) ends the cascade; the
 * sweep expires a step whose wait is over and decides the next. Every change happens under a lock on
 * the cascade's row, so replicas and outcomes racing the sweep never send a step twice.
 */
@ApplicationScoped
public class CascadeService {

    private static final Logger LOG = Logger.getLogger(CascadeService.class);
    static final Duration MAX_WAIT = Duration.ofDays(30);

    private final CustomerResolver resolver;
    private final CascadeStore store;
    private final DecisionService decisions;
    private final Clock clock;

    public CascadeService(CustomerResolver resolver, CascadeStore store, DecisionService decisions, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** Steps as asked: an {@code until} of null means response. */
    public Uni<CascadeStore.Cascade> create(String customer, String placement, List<CascadeStore.NewStep> asked) {
        List<CascadeStore.NewStep> steps = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            CascadeStore.NewStep step = asked.get(i);
            String field = "steps[" + i + "]";
            if (step.waitFor().compareTo(Duration.ofSeconds(1)) < 0 || step.waitFor().compareTo(MAX_WAIT) > 0) {
                throw ClientProblem.invalid(field + ".wait", field + ".wait: must be from 1 second (PT1S) to 30 days (P30D)");
            }
            String until = step.until() == null ? "response" : step.until();
            if (!until.equals("response") && !until.equals("impression")) {
                throw ClientProblem.invalid(field + ".until", field + ".until: must be impression or response");
            }
            steps.add(new CascadeStore.NewStep(step.channel(), step.waitFor(), until));
        }
        UUID id = UUID.randomUUID();
        return resolver.require(customer, "customerId")
                .chain(customerId -> store.create(id, customerId, placement, steps, clock.instant()))
                .chain(() -> advance(id))
                .chain(() -> get(id));
    }

    public Uni<CascadeStore.Cascade> get(UUID id) {
        return store.get(id).map(cascade -> {
            if (cascade == null) {
                throw ClientProblem.notFound("id", "cascade", id.toString());
            }
            return cascade;
        });
    }

    /** Expires the sent step whose wait is over, then decides waiting steps until one is sent or none is left. */
    Uni<Void> advance(UUID id) {
        return store.pool().withTransaction(connection -> store.lock(connection, id).chain(cascade -> {
            if (cascade == null || !cascade.status().equals("running")) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            Uni<Void> chain = Uni.createFrom().voidItem();
            List<CascadeStore.Step> waiting = new ArrayList<>();
            for (CascadeStore.Step step : cascade.steps()) {
                if (step.status().equals("sent")) {
                    if (step.deadline().isAfter(now)) {
                        return chain; // still waiting for an answer
                    }
                    chain = chain.chain(() -> store.stepStatus(connection, id, step.position(), "expired"));
                } else if (step.status().equals("waiting")) {
                    waiting.add(step);
                }
            }
            return chain.chain(() -> next(connection, cascade, waiting, 0, now));
        }));
    }

    private Uni<Void> next(SqlConnection connection, CascadeStore.Cascade cascade, List<CascadeStore.Step> waiting, int index,
                           Instant now) {
        if (index == waiting.size()) {
            return store.status(connection, cascade.id(), "exhausted", now);
        }
        CascadeStore.Step step = waiting.get(index);
        SessionContext context = SessionContext.at(step.channel(), cascade.placement(), ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
        return decisions.decide(DecisionQuery.forCustomer(cascade.customerId(), context, 3))
                .chain(result -> {
                    if (!result.decision().offers().isEmpty()) {
                        return store.sent(connection, cascade.id(), step.position(), result.id(), now, now.plus(step.waitFor()));
                    }
                    String reason = result.notes().isEmpty() ? "Nothing eligible to propose on " + step.channel()
                            : String.join("; ", result.notes());
                    return store.skipped(connection, cascade.id(), step.position(), result.id(), reason)
                            .chain(() -> next(connection, cascade, waiting, index + 1, now));
                });
    }

    /** An answer to a sent step ends its cascade. */
    void onOutcomes(@ObservesAsync OutcomesRecorded recorded) {
        for (OutcomesRecorded.Answer answer : recorded.answers()) {
            store.sentFor(answer.decisionId()).chain(sent -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (CascadeStore.Sent step : sent) {
                    if (answers(step.until(), answer.type())) {
                        chain = chain.chain(() -> answered(step));
                    }
                }
                return chain;
            }).subscribe().with(done -> { }, failure -> LOG.warn("Cascade not advanced by an outcome", failure));
        }
    }

    static boolean answers(String until, OutcomeType type) {
        return type != OutcomeType.IMPRESSION || until.equals("impression");
    }

    private Uni<Void> answered(CascadeStore.Sent step) {
        return store.pool().withTransaction(connection -> store.lock(connection, step.cascadeId()).chain(cascade -> {
            if (cascade == null || !cascade.status().equals("running")) {
                return Uni.createFrom().voidItem();
            }
            return store.stepStatus(connection, step.cascadeId(), step.position(), "answered")
                    .chain(() -> store.status(connection, step.cascadeId(), "answered", clock.instant()));
        }));
    }

    @Scheduled(every = "{pertinence.cascade.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return store.due(clock.instant()).chain(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                chain = chain.chain(() -> advance(id).onFailure().invoke(failure -> LOG.warn("Cascade " + id + " not advanced", failure))
                        .onFailure().recoverWithNull());
            }
            return chain;
        }).onFailure().invoke(failure -> LOG.warn("Cascade sweep failed", failure)).onFailure().recoverWithNull();
    }
}
