package dev.pertinence.decide.service;

import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decide.PastDecision;
import dev.pertinence.decide.store.DecisionHistory;
import dev.pertinence.decide.store.DecisionRecorder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Past decisions as they were answered. Decisions are written behind (DecisionRecorder): one asked
 * for a moment after it was made is written first when this replica holds it, and waited for
 * (its id tells when it was made: UUID v7) while another replica may still hold it, at most
 * {@code pertinence.outcome.decision-wait}, as an outcome for it would; only then is it unknown.
 */
@ApplicationScoped
public class DecisionAudit {

    private final DecisionHistory history;
    private final DecisionRecorder recorder;
    private final Duration decisionWait;
    private final Clock clock;

    public DecisionAudit(DecisionHistory history, DecisionRecorder recorder, PertinenceConfig config, Clock clock) {
        this.history = history;
        this.recorder = recorder;
        this.decisionWait = config.outcome().decisionWait();
        this.clock = clock;
    }

    /** The decision, or null when none was made by this id. */
    public Uni<PastDecision> find(UUID id) {
        Instant now = clock.instant();
        return recorder.awaitRecorded(List.of(id))
                .chain(() -> history.find(id))
                .chain(found -> found != null ? Uni.createFrom().item(found) : afterOtherReplicas(id, now));
    }

    /** The person's decisions (resolved by the caller), newest first, including those this replica has not written yet. */
    public Uni<List<PastDecision>> forCustomer(String customerId, int limit, PastDecision.Cursor after) {
        return recorder.awaitAnswered().chain(() -> history.page(customerId, limit, after));
    }

    /** A decision made a moment ago may still be in another replica's queue: read again once it would have been written. */
    private Uni<PastDecision> afterOtherReplicas(UUID id, Instant now) {
        Instant made = TimeOrderedId.timeOf(id).orElse(null);
        if (made == null || !made.isAfter(now.minus(decisionWait)) || made.isAfter(now.plusSeconds(1))) {
            return Uni.createFrom().nullItem();
        }
        Duration left = Duration.between(clock.instant(), made.plus(decisionWait));
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(left).chain(() -> history.find(id));
    }
}
