package dev.pertinence.decide.store;

import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.StoreFailures;
import dev.pertinence.decide.DecisionResult;
import dev.pertinence.decide.PageDecision;
import dev.pertinence.decide.PageQuery;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.experiment.Assignment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Records decisions without slowing them: the response does not wait for the write. Decisions
 * queue in memory and are inserted in batches (one statement per batch) every flush interval or
 * as soon as a batch is full; the queue is flushed at shutdown. The queue is bounded: past it a
 * decision is answered but not recorded, and counted. While PostgreSQL is unavailable, batches go
 * back in the queue and are written when it is back. Whoever needs given decisions in PostgreSQL
 * now (an outcome for them, a merge, an erasure, an audit) waits for them ({@link #awaitRecorded},
 * {@link #awaitAnswered}) or for everything queued ({@link #flushNow}). Each record carries the
 * answer for its audit ({@link AnswerJson}, column {@code answer}) in the same statement.
 *
 * <p>Trade-off, written down: a replica killed with -9 loses at most one flush interval of
 * decision records (outcomes for them would find no decision). Outcomes themselves are events
 * the API acknowledges and are written before their 2xx; an outcome for a decision still queued
 * here waits for it to be written, or for another replica's flush (see OutcomeService).
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    private static final String INSERT = """
            INSERT INTO decision (id, customer_id, segment, channel, placement, model_version, offers, decided_at,
                                  experiment_id, arm, experiment_unit, explored, answer)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                 $7::text[]::jsonb[], $8::timestamptz[], $9::text[], $10::text[], $11::int8[], $12::bool[],
                                 $13::text[]::json[])
            ON CONFLICT (id) DO NOTHING""";

    private final Pool pool;
    private final Vertx vertx;
    private final PertinenceConfig.Recorder config;
    private final ConcurrentLinkedQueue<RecordedDecision> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** The ids queued or being written: what {@link #awaitRecorded} waits for. */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    private final Counter recorded;
    private final Counter unrecorded;
    private final ThrottledLog unavailable = new ThrottledLog(LOG, Duration.ofSeconds(10));
    /** After a store failure, a full batch waits for the periodic flush instead of trying again at every decision. */
    private volatile long retryNotBefore = System.nanoTime();
    private long timer = -1;

    public DecisionRecorder(Pool pool, Vertx vertx, PertinenceConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config.recorder();
        this.recorded = Counter.builder("pertinence.decisions.recorded").description("Decisions written to PostgreSQL").register(meters);
        this.unrecorded = Counter.builder("pertinence.decisions.unrecorded")
                .description("Decisions answered but not recorded (queue full or write failed)").register(meters);
        Gauge.builder("pertinence.decisions.queued", queued, AtomicInteger::get)
                .description("Decisions answered and waiting to be written to PostgreSQL").register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.flushInterval().toMillis(), id -> flush().subscribe().with(done -> { }, failure -> { }));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        int waiting = queued.get();
        try {
            writeBatches().await().atMost(Duration.ofSeconds(30)); // drains the queue, beside any flush in flight
        } catch (RuntimeException e) {
            LOG.errorf(e, "%d decisions could not be recorded at shutdown", queued.get());
            return;
        }
        if (queued.get() > 0) {
            LOG.errorf("%d decisions could not be recorded at shutdown: PostgreSQL unavailable", queued.get());
        } else if (waiting > 0) {
            LOG.infof("%d queued decisions recorded at shutdown", waiting);
        }
    }

    /** Queues the decision for its batch; the answer does not wait. */
    public void record(DecisionResult result) {
        record(toRecord(result));
    }

    /** Queues a page layout as a decision: channel web, placement the page, its sections as its offers (by their keys). */
    public void record(PageDecision layout) {
        record(toRecord(layout));
    }

    void record(RecordedDecision decision) {
        if (queued.incrementAndGet() > config.queueCapacity()) {
            queued.decrementAndGet();
            unrecorded.increment();
            return;
        }
        pending.add(decision.id());
        queue.add(decision);
        if (queued.get() >= config.batchSize() && System.nanoTime() - retryNotBefore >= 0) {
            flush().subscribe().with(done -> { }, failure -> { });
        }
    }

    /**
     * Writes what is queued now, beside any flush in flight: an outcome for a decision made a
     * moment ago on this replica need not wait for the next flush.
     */
    public Uni<Void> flushNow() {
        return writeBatches();
    }

    /**
     * Completes once none of these decisions waits in this replica's queue or in a write in flight
     * (written, or given up: queue full, refused), within {@code pertinence.recorder.flush-interval}
     * × 5; at once when none of them was made here.
     */
    public Uni<Void> awaitRecorded(Collection<UUID> ids) {
        long deadline = System.nanoTime() + config.flushInterval().multipliedBy(5).toNanos();
        return awaitRecorded(ids, deadline);
    }

    private Uni<Void> awaitRecorded(Collection<UUID> ids, long deadline) {
        if (ids.stream().noneMatch(pending::contains) || System.nanoTime() - deadline >= 0) {
            return Uni.createFrom().voidItem();
        }
        // written now, beside any flush in flight; a batch another flush holds is waited for
        return writeBatches().chain(() -> ids.stream().noneMatch(pending::contains) ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(5)).chain(() -> awaitRecorded(ids, deadline)));
    }

    /**
     * Completes once every decision this replica answered until now is written or given up (as
     * {@link #awaitRecorded}): a person's list of decisions read right after one of them includes it.
     */
    public Uni<Void> awaitAnswered() {
        return pending.isEmpty() ? Uni.createFrom().voidItem() : awaitRecorded(List.copyOf(pending));
    }

    /** Writes what is queued, a batch per statement; one flush at a time. */
    private Uni<Void> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return writeBatches().eventually(() -> flushing.set(false));
    }

    private Uni<Void> writeBatches() {
        List<RecordedDecision> batch = new ArrayList<>(config.batchSize());
        RecordedDecision next;
        while (batch.size() < config.batchSize() && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        queued.addAndGet(-batch.size());
        return insert(batch)
                .map(written -> {
                    recorded.increment(batch.size());
                    done(batch);
                    return true;
                })
                .onFailure(StoreFailures::unavailable).recoverWithItem(failure -> {
                    requeue(batch, failure);
                    return false; // the next flush tries again
                })
                .onFailure().recoverWithItem(failure -> {
                    unrecorded.increment(batch.size());
                    done(batch);
                    LOG.errorf(failure, "%d decisions could not be recorded", batch.size());
                    return true;
                })
                .chain(goOn -> goOn ? writeBatches() : Uni.createFrom().voidItem());
    }

    /**
     * PostgreSQL cannot take them now (down, restarting, overloaded): the batch goes back in the
     * queue, within its capacity, and the next flush tries again (the insert ignores ids already
     * written, so a batch committed without its reply is not doubled). The queue's capacity holds
     * an outage of capacity ÷ decision rate (100,000 ÷ 1,000/s: 100 s); past it decisions are
     * answered and counted unrecorded.
     */
    private void requeue(List<RecordedDecision> batch, Throwable failure) {
        retryNotBefore = System.nanoTime() + config.flushInterval().toNanos();
        int kept = 0;
        for (RecordedDecision decision : batch) {
            if (queued.incrementAndGet() > config.queueCapacity()) {
                queued.decrementAndGet();
                unrecorded.increment();
            } else {
                queue.add(decision);
                kept++;
                continue;
            }
            pending.remove(decision.id());
        }
        unavailable.warn("Decision records wait in memory for PostgreSQL (" + queued.get() + " queued, " + (batch.size() - kept)
                + " of this batch dropped at the queue's capacity)", failure);
    }

    private void done(List<RecordedDecision> batch) {
        batch.forEach(decision -> pending.remove(decision.id()));
    }

    /** Offer ids match ApiPatterns.ID (no quote, no backslash), so the JSON needs no escaping. */
    static RecordedDecision toRecord(DecisionResult result) {
        Assignment assignment = result.assignment();
        // an exploring strategy's offers always carry their propensity, even 1: off-policy estimates tell an offer shown
        // with certainty from one recorded before propensities were (LoggedDecisionReader); absent means the arm never explores
        boolean explores = assignment != null && assignment.arm().strategy().exploration() > 0;
        StringBuilder offers = new StringBuilder(64 * result.decision().offers().size() + 2).append('[');
        for (RankedOffer offer : result.decision().offers()) {
            if (offers.length() > 1) {
                offers.append(',');
            }
            offers.append("{\"offerId\":\"").append(offer.offer().id()).append("\",\"rank\":").append(offer.rank())
                    .append(",\"score\":").append(offer.score());
            if (explores || offer.showProbability() < 1.0) {
                offers.append(",\"propensity\":").append(offer.showProbability());
            }
            offers.append('}');
        }
        return new RecordedDecision(result.id(), result.customerId(), result.segment(), result.channel(), result.placement(),
                result.modelVersion(), offers.append(']').toString(), result.decidedAt(),
                assignment == null ? null : assignment.experimentId(), assignment == null ? null : assignment.arm().name(),
                result.experimentUnit(), result.decision().explored(), AnswerJson.write(result));
    }

    /**
     * A layout's sections stand in the offers column under their keys ({@code page/<page>/<section>}, PageOrder.key):
     * what an outcome names is checked against them, the retention keeps them, and no offer id can be one.
     */
    static RecordedDecision toRecord(PageDecision layout) {
        StringBuilder sections = new StringBuilder(48 * layout.sections().size() + 2).append('[');
        for (PageOrder.Placed section : layout.sections()) {
            if (sections.length() > 1) {
                sections.append(',');
            }
            sections.append("{\"offerId\":\"").append(PageOrder.key(layout.page(), section.id())).append("\",\"rank\":")
                    .append(section.position()).append(",\"score\":").append(Double.isFinite(section.score()) ? section.score() : 0.0)
                    .append('}');
        }
        Assignment assignment = layout.assignment();
        return new RecordedDecision(layout.id(), layout.customerId(), layout.segment(), PageQuery.CHANNEL, layout.page(),
                layout.modelVersion(), sections.append(']').toString(), layout.decidedAt(),
                assignment == null ? null : assignment.experimentId(), assignment == null ? null : assignment.arm().name(),
                layout.experimentUnit(), false, AnswerJson.write(layout));
    }

    private Uni<Void> insert(List<RecordedDecision> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] customers = new String[n];
        String[] segments = new String[n];
        String[] channels = new String[n];
        String[] placements = new String[n];
        String[] versions = new String[n];
        String[] offers = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] experiments = new String[n];
        String[] arms = new String[n];
        Long[] units = new Long[n];
        Boolean[] explored = new Boolean[n];
        String[] answers = new String[n];
        for (int i = 0; i < n; i++) {
            RecordedDecision d = batch.get(i);
            ids[i] = d.id();
            customers[i] = d.customerId();
            segments[i] = d.segment();
            channels[i] = d.channel();
            placements[i] = d.placement();
            versions[i] = d.modelVersion();
            offers[i] = d.offersJson();
            times[i] = d.decidedAt().atOffset(ZoneOffset.UTC);
            experiments[i] = d.experimentId();
            arms[i] = d.arm();
            units[i] = d.experimentUnit();
            explored[i] = d.explored();
            answers[i] = d.answerJson();
        }
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {ids, customers, segments, channels, placements, versions, offers, times, experiments, arms, units,
                        explored, answers}))
                .replaceWithVoid();
    }
}
