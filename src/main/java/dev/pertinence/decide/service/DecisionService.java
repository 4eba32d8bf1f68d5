package dev.pertinence.decide.service;

import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.DecisionResult;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DecisionEngine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * A decision, read top to bottom: the channel (when the caller lets the service choose), the
 * inputs ({@link Gathering}: PostgreSQL and Redis, concurrently, into an immutable snapshot), the
 * pure core ({@link DecisionEngine}), the contact reservation ({@link Reservations}), the record
 * ({@link DecisionRecorder}, written behind) and the meters. Never fails for want of data: what
 * could not be read is left out and the answer says so.
 */
@ApplicationScoped
public class DecisionService {

    private final BestChannel channels;
    private final Gathering gathering;
    private final DecisionEngine engine;
    private final Reservations reservations;
    private final DecisionRecorder recorder;
    private final DecisionMetrics metrics;
    private final Clock clock;

    public DecisionService(BestChannel channels, Gathering gathering, DecisionEngine engine, Reservations reservations,
                           DecisionRecorder recorder, DecisionMetrics metrics, Clock clock) {
        this.channels = channels;
        this.gathering = gathering;
        this.engine = engine;
        this.reservations = reservations;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Uni<DecisionResult> decide(DecisionQuery query) {
        return decide(query, true);
    }

    /**
     * A decision without effects (a caller's dry run; the warm-up before the replica reports ready):
     * the same reads, the same core and the same caps as gathered, but nothing reserved under the
     * caps, recorded or counted in the meters. Its id is random ({@link TimeOrderedId#untimed}), not
     * time-ordered: no decision has it, and an outcome for it is refused at once as for an unknown one.
     */
    public Uni<DecisionResult> rehearse(DecisionQuery query) {
        return decide(query, false);
    }

    private Uni<DecisionResult> decide(DecisionQuery query, boolean live) {
        long started = System.nanoTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it: the audit reads back what was answered
        UUID id = live ? TimeOrderedId.at(now) : TimeOrderedId.untimed();
        if (live) {
            MDC.put("decisionId", id.toString()); // every line logged for this request names it (the MDC follows the request)
        }
        return channels.choose(query)
                .chain(chosen -> gathering.forDecision(chosen, now).chain(gathered -> {
                    Decision decided = engine.decide(gathered.snapshot(now, chosen));
                    if (gathered.offersRefused() != null) {
                        decided = decided.withdrawn(gathered.offersRefused());
                    }
                    Uni<Reservations.Reserved> reserved = live ? reservations.reserve(id, decided, gathered, now)
                            : Uni.createFrom().item(reservations.unreserved(decided, gathered));
                    return reserved.map(done -> result(id, now, gathered, done));
                }))
                .invoke(result -> {
                    if (live) {
                        recorder.record(result);
                        metrics.decided(result, System.nanoTime() - started);
                    }
                });
    }

    private static DecisionResult result(UUID id, Instant now, Gathered gathered, Reservations.Reserved reserved) {
        Decision decision = reserved.decision();
        List<String> notes = gathered.notes("decided", "context");
        notes.addAll(decision.notes());
        List<String> degraded = gathered.degraded();
        if (reserved.redisFailed() && !degraded.contains("redis")) {
            degraded = new ArrayList<>(degraded);
            degraded.add("redis");
        }
        return new DecisionResult(id, gathered.customerId(), gathered.context().channel(), gathered.context().placement(),
                gathered.segment(), gathered.modelVersion(), now, decision, List.copyOf(notes), List.copyOf(degraded),
                gathered.candidates().size(), gathered.assignment(), gathered.experimentUnit(),
                gathered.context());
    }
}
