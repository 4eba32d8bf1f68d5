package dev.pertinence.outcome.service;

import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.outcome.OutcomeType;
import dev.pertinence.outcome.store.DecisionRef;
import dev.pertinence.outcome.store.OutcomeWriter;
import dev.pertinence.outcome.store.StoredOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Records outcomes: checks each against its decision, stores them (with the exposure history they
 * imply) in PostgreSQL in one transaction, and only then answers; the Redis counters (contact
 * pressure, live learning) follow, and a sweep catches up any that a failure left behind.
 *
 * <p>Decisions are recorded in batches off the response path, so an outcome may arrive before
 * its decision is in PostgreSQL. Decision ids carry their creation time (UUID v7): for a decision
 * made within {@code pertinence.outcome.decision-wait}, this replica's queue is flushed, then the
 * lookup waits out the other replicas' flush interval, before the answer is 404.
 */
@ApplicationScoped
public class OutcomeService {

    /** Clock skew tolerated between callers and the service. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final OutcomeWriter writer;
    private final jakarta.enterprise.event.Event<OutcomesRecorded> recordedEvents;
    private final OutcomeCounters counters;
    private final DecisionRecorder recorder;
    private final Duration decisionWait;
    private final Clock clock;
    private final Map<OutcomeType, Counter> recorded = new EnumMap<>(OutcomeType.class);

    public OutcomeService(OutcomeWriter writer, OutcomeCounters counters, DecisionRecorder recorder,
                          PertinenceConfig config, Clock clock, MeterRegistry meters,
                          jakarta.enterprise.event.Event<OutcomesRecorded> recordedEvents) {
        this.recordedEvents = recordedEvents;
        this.writer = writer;
        this.counters = counters;
        this.recorder = recorder;
        this.decisionWait = config.outcome().decisionWait();
        this.clock = clock;
        for (OutcomeType type : OutcomeType.values()) {
            recorded.put(type, Counter.builder("pertinence.outcomes.recorded").tag("type", type.wire())
                    .description("Outcomes stored (retries not counted)").register(meters));
        }
    }

    /** A receipt per outcome, in the request's order: stored now, or a retry of an event stored before. */
    public record Receipt(NewOutcome outcome, boolean duplicate) {
    }

    public Uni<List<Receipt>> record(List<NewOutcome> outcomes) {
        Instant now = clock.instant();
        Map<String, NewOutcome> byEvent = new LinkedHashMap<>();
        for (NewOutcome outcome : outcomes) {
            checkValue(outcome);
            NewOutcome first = byEvent.putIfAbsent(outcome.eventId(), outcome);
            if (first != null && !sameEvent(outcome, first.decisionId(), first.offerId(), first.type(), first.value())) {
                throw ClientProblem.conflict(outcome.field() + "eventId", "event id '" + outcome.eventId()
                        + "' is used by two different outcomes in this request");
            }
        }
        Set<UUID> decisionIds = new LinkedHashSet<>();
        byEvent.values().forEach(outcome -> decisionIds.add(outcome.decisionId()));
        return decisions(decisionIds, now).chain(found -> {
            List<StoredOutcome> toStore = new ArrayList<>(byEvent.size());
            for (NewOutcome outcome : byEvent.values()) {
                toStore.add(attributed(outcome, found.get(outcome.decisionId()), now));
            }
            return writer.write(toStore, written -> refuseReusedIds(byEvent, toStore, written))
                    .call(written -> updateCounters(toStore, written.stored()))
                    .invoke(written -> announce(toStore, written.stored()))
                    .map(written -> {
                        written.stored().forEach(id -> recorded.get(byEvent.get(id).type()).increment());
                        return outcomes.stream()
                                .map(outcome -> new Receipt(outcome, !written.stored().contains(outcome.eventId())
                                        || byEvent.get(outcome.eventId()) != outcome))
                                .toList();
                    });
        });
    }

    /** What became of a coupon redemption's conversion. */
    public enum Conversion {
        /** Stored now: offer performance counts it, with the amount as its value. */
        RECORDED,
        /** The decision already had a conversion of this offer (reported by a caller): that one counts, once. */
        ALREADY_RECORDED,
        /** The coupon's decision is not on record (its write was lost): the redemption stands, unattributed. */
        UNATTRIBUTED
    }

    /**
     * A coupon redeemed at a till is a conversion of its offer in its decision. {@code redemption}
     * (the coupon's own write, which may refuse by failing) and the conversion commit together or
     * not at all; the Redis counters follow, as for any outcome.
     *
     * @param value what the customer spent; null when the till did not say
     */
    public Uni<Conversion> recordRedemption(UUID decisionId, String offerId, String eventId, BigDecimal value,
                                            Function<SqlConnection, Uni<Void>> redemption) {
        Instant now = clock.instant();
        return decisions(Set.of(decisionId), now).chain(found -> {
            DecisionRef decision = found.get(decisionId);
            if (decision == null || !decision.offerIds().contains(offerId)) {
                return writer.write(List.of(), redemption, written -> { }).replaceWith(Conversion.UNATTRIBUTED);
            }
            NewOutcome outcome = new NewOutcome("", decisionId, eventId, offerId, OutcomeType.CONVERT, null, now, value);
            List<StoredOutcome> toStore = List.of(attributed(outcome, decision, now).asRedemption());
            return writer.write(toStore, redemption, written -> { })
                    .call(written -> updateCounters(toStore, written.stored()))
                    .invoke(written -> announce(toStore, written.stored()))
                    .map(written -> {
                        if (!written.stored().contains(eventId)) {
                            return Conversion.ALREADY_RECORDED;
                        }
                        recorded.get(OutcomeType.CONVERT).increment();
                        return Conversion.RECORDED;
                    });
        });
    }

    private static void checkValue(NewOutcome outcome) {
        if (outcome.type() == OutcomeType.CONVERT && outcome.value() == null) {
            throw ClientProblem.invalid(outcome.field() + "value", outcome.field() + "value: required for a conversion");
        }
        if (outcome.type() != OutcomeType.CONVERT && outcome.value() != null) {
            throw ClientProblem.invalid(outcome.field() + "value", outcome.field() + "value: only a conversion has a value");
        }
    }

    /** The same event, as far as a retry can tell: the same decision, offer, type and value (2.5 = 2.50). */
    private static boolean sameEvent(NewOutcome outcome, UUID decisionId, String offerId, OutcomeType type, BigDecimal value) {
        return outcome.decisionId().equals(decisionId) && outcome.offerId().equals(offerId) && outcome.type() == type
                && (value == null ? outcome.value() == null : outcome.value() != null && value.compareTo(outcome.value()) == 0);
    }

    /** The outcome with what it inherits from its decision, once it is known to fit it. */
    private static StoredOutcome attributed(NewOutcome outcome, DecisionRef decision, Instant now) {
        if (decision == null) {
            throw ClientProblem.notFound(outcome.field() + "decisionId", "decision", outcome.decisionId().toString());
        }
        String offerId = offerOf(outcome, decision);
        Instant at = outcome.occurredAt() == null ? now : outcome.occurredAt();
        if (at.isBefore(decision.decidedAt().minus(SKEW))) {
            throw ClientProblem.unprocessable(outcome.field() + "occurredAt", "occurredAt " + at
                    + " is before the decision was made (" + decision.decidedAt() + ")");
        }
        if (at.isAfter(now.plus(SKEW))) {
            throw ClientProblem.unprocessable(outcome.field() + "occurredAt", "occurredAt " + at + " is in the future");
        }
        return new StoredOutcome(outcome.eventId(), decision.id(), offerId, outcome.type(),
                outcome.channel() == null ? decision.channel() : outcome.channel(), decision.channel(),
                decision.placement(), decision.customerId(), decision.segment(), outcome.value(), at);
    }

    /**
     * What the outcome is about, as stored: one of the decision's offers, or, for a page layout, one of its
     * sections under its key ({@link PageOrder#key}: counted apart from any offer), which takes impressions and
     * clicks only.
     */
    private static String offerOf(NewOutcome outcome, DecisionRef decision) {
        if (decision.offerIds().contains(outcome.offerId())) {
            return outcome.offerId();
        }
        boolean layout = decision.offerIds().stream().anyMatch(PageOrder::isSectionKey);
        String section = PageOrder.key(decision.placement(), outcome.offerId());
        if (!layout || !decision.offerIds().contains(section)) {
            throw ClientProblem.unprocessable(outcome.field() + "offerId", (layout ? "section '" : "offer '")
                    + LogSafe.value(outcome.offerId()) + (layout ? "' was not in page layout " : "' was not proposed by decision ")
                    + decision.id());
        }
        if (outcome.type() != OutcomeType.IMPRESSION && outcome.type() != OutcomeType.CLICK) {
            throw ClientProblem.unprocessable(outcome.field() + "type", "a page layout's sections take impression and click "
                    + "outcomes, not " + outcome.type().wire());
        }
        return section;
    }

    /** An event id stored before for another outcome is a client error; the transaction rolls back. */
    private static void refuseReusedIds(Map<String, NewOutcome> byEvent, List<StoredOutcome> toStore, OutcomeWriter.Written written) {
        Map<String, String> stored = new HashMap<>(); // a section's outcome is stored under its key, not the id reported
        toStore.forEach(outcome -> stored.put(outcome.eventId(), outcome.offerId()));
        written.previous().forEach((eventId, previous) -> {
            NewOutcome outcome = byEvent.get(eventId);
            if (!sameEvent(outcome, previous.decisionId(), previous.offerId().equals(stored.get(eventId)) ? outcome.offerId()
                    : previous.offerId(), previous.type(), previous.value())) {
                throw ClientProblem.conflict(outcome.field() + "eventId", "event id '" + eventId
                        + "' was already recorded for another outcome (" + previous.type().wire() + " of offer '"
                        + previous.offerId() + "' in decision " + previous.decisionId() + ")");
            }
        });
    }

    /** Tells who waits for answers (cascades) what was newly stored. */
    private void announce(List<StoredOutcome> outcomes, Set<String> stored) {
        List<OutcomesRecorded.Answer> answers = outcomes.stream().filter(outcome -> stored.contains(outcome.eventId()))
                .map(outcome -> new OutcomesRecorded.Answer(outcome.decisionId(), outcome.type())).toList();
        if (!answers.isEmpty()) {
            recordedEvents.fireAsync(new OutcomesRecorded(answers));
        }
    }

    /** Redis follows PostgreSQL; what fails here stays unapplied for the sweep, and the answer is still 2xx. */
    private Uni<Void> updateCounters(List<StoredOutcome> outcomes, Set<String> stored) {
        List<StoredOutcome> fresh = outcomes.stream().filter(outcome -> stored.contains(outcome.eventId())).toList();
        return counters.apply(fresh)
                .chain(writer::markApplied)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Map<UUID, DecisionRef>> decisions(Set<UUID> ids, Instant now) {
        return writer.decisions(ids).chain(found -> {
            Optional<Instant> recent = newestMissing(ids, found, now);
            if (recent.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            List<UUID> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
            return recorder.awaitRecorded(missing).chain(() -> writer.decisions(ids)).chain(again -> {
                Optional<Instant> stillMissing = newestMissing(ids, again, now);
                if (stillMissing.isEmpty()) {
                    return Uni.createFrom().item(again);
                }
                Duration left = Duration.between(clock.instant(), stillMissing.get().plus(decisionWait));
                if (left.isNegative() || left.isZero()) {
                    return Uni.createFrom().item(again);
                }
                return Uni.createFrom().voidItem().onItem().delayIt().by(left).chain(() -> writer.decisions(ids));
            });
        });
    }

    /** The creation time of the newest missing decision that may still be on its way to PostgreSQL. */
    private Optional<Instant> newestMissing(Set<UUID> ids, Map<UUID, DecisionRef> found, Instant now) {
        return ids.stream().filter(id -> !found.containsKey(id))
                .map(TimeOrderedId::timeOf).flatMap(Optional::stream)
                .filter(made -> made.isAfter(now.minus(decisionWait)) && !made.isAfter(now.plusSeconds(1)))
                .max(Instant::compareTo);
    }
}
