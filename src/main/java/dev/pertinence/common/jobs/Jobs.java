package dev.pertinence.common.jobs;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The life of a feature's background jobs (docs/evaluation.md, "Bounds"): each recorded in its
 * {@link JobTable} (one queued or running at a time, across replicas: 409 otherwise), run on a
 * worker thread of the feature's own ({@code pertinence-<noun>}: one, never the event loop, never
 * more than one core of the replica; no lower priority, which the JVM ignores on Linux), its
 * progress and result kept in the row, with a heartbeat ticking on a thread of its own
 * ({@code pertinence-<noun>-heartbeat}) while the job is queued or running here. A job whose
 * replica stopped is marked failed, with why: at start-up (and once more when its heartbeat could no
 * longer be fresh), and whenever a job is asked for or started. A job found so marked, cancelled or
 * taken over stops without writing. What a job computes, and what its settings allow, are the
 * feature's: its work is given a {@link JobProgress} and may end the job failed ({@link Failed}).
 * The timing is the evaluations' ({@code pertinence.evaluation.progress-interval}, {@code abandoned-after}).
 *
 * @param <S> the settings, as resolved
 * @param <R> the result
 * @param <J> the feature's job record
 */
public final class Jobs<S, R, J extends JobRecord> {

    private final JobTable<S, R, J> table;
    private final BiFunction<S, JobProgress, R> work;
    private final PertinenceConfig.Evaluation timing;
    private final Clock clock;
    private final Logger log;
    private final String noun;
    private final String title;
    /** The jobs this replica holds, so a cancel reaches its run at once. */
    private final Map<UUID, Job> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker;
    private final ScheduledExecutorService heart;

    /**
     * @param work runs one job, blocking, on the worker thread
     * @param log  the feature's logger: what happens to its jobs is logged under its name
     */
    public Jobs(JobTable<S, R, J> table, BiFunction<S, JobProgress, R> work, PertinenceConfig config, Clock clock, Logger log) {
        this.table = table;
        this.work = work;
        this.timing = config.evaluation();
        this.clock = clock;
        this.log = log;
        this.noun = table.noun();
        this.title = Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
        this.worker = Executors.newSingleThreadScheduledExecutor(daemon("pertinence-" + noun));
        this.heart = Executors.newSingleThreadScheduledExecutor(daemon("pertinence-" + noun + "-heartbeat"));
    }

    /** Thrown by a job's work to end it failed, with why and how far it got (out of time, say). */
    public static final class Failed extends RuntimeException {
        private final int done;
        private final Integer total;

        public Failed(String why, int done, Integer total) {
            super(why, null, false, false);
            this.done = done;
            this.total = total;
        }
    }

    /** The jobs a stopped replica left: failed now, and again once their heartbeat could no longer be fresh. */
    public void sweepAtStart() {
        worker.execute(this::sweep);
        worker.schedule(this::sweep, timing.abandonedAfter().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The service stops: a running job sees the interruption and is marked failed. */
    public void stop() {
        worker.shutdownNow();
        heart.shutdownNow();
    }

    /** Records a job queued (409 while another is queued or running) and runs it on the worker. */
    public J start(S settings) {
        sweep();
        UUID id = UUID.randomUUID();
        J queued = table.insert(id, settings, clock.instant());
        Job job = new Job(id);
        held.put(id, job);
        long every = Math.max(1, timing.progressInterval().toMillis());
        job.ticker = heart.scheduleAtFixedRate(() -> beat(job), every, every, TimeUnit.MILLISECONDS);
        try {
            worker.execute(() -> run(job, settings));
        } catch (RuntimeException e) {
            job.ticker.cancel(false);
            held.remove(id);
            throw e;
        }
        return queued;
    }

    /** The job; 404 when unknown. One queued or running is checked for abandonment first. */
    public J get(UUID id) {
        J job = found(id);
        if (!job.ended() && sweep() > 0) {
            return table.get(id);
        }
        return job;
    }

    /** The job with its result; 409 while there is none. */
    public J withResult(UUID id) {
        J job = get(id);
        if (job.result() == null) {
            throw ClientProblem.conflict(noun + " " + id + " has no result: it is " + job.state()
                    + (job.error() == null ? "" : " (" + job.error() + ")"));
        }
        return job;
    }

    /**
     * Cancels a queued or running job: failed now, with {@code why}; its run stops at its next
     * progress (here at once, on another replica at its next heartbeat) and writes nothing more.
     * 404 when unknown, 409 when it already ended.
     */
    public J cancel(UUID id, Function<J, String> why) {
        if (!table.failed(id, why.apply(found(id)), clock.instant())) {
            J ended = table.get(id);
            throw ClientProblem.conflict(noun + " " + id + " is already " + (ended == null ? "gone" : ended.state())
                    + ": there is nothing to cancel");
        }
        Job job = held.get(id);
        if (job != null) {
            job.lost = true;
        }
        log.infof("%s %s cancelled", title, id);
        return table.get(id);
    }

    private J found(UUID id) {
        J job = table.get(id);
        if (job == null) {
            throw ClientProblem.notFound(noun, id.toString());
        }
        return job;
    }

    /** Marks failed the jobs whose replica stopped; how many. */
    public int sweep() {
        try {
            Instant now = clock.instant();
            int failed = table.failAbandoned(now.minus(timing.abandonedAfter()), now);
            if (failed > 0) {
                log.warnf("%d %s(s) abandoned by a stopped replica marked failed", failed, noun);
            }
            return failed;
        } catch (RuntimeException e) {
            log.warn("Abandoned " + noun + "s not checked", e);
            return 0;
        }
    }

    /** A job this replica holds: its heartbeat ticker, and whether its row was found taken from it (or cancelled here). */
    private static final class Job {
        final UUID id;
        volatile ScheduledFuture<?> ticker;
        volatile boolean lost;

        Job(UUID id) {
            this.id = id;
        }
    }

    /** Its row is no longer queued or running (cancelled, swept as abandoned, or taken over): the run stops, writing nothing. */
    private static final class Lost extends RuntimeException {
        Lost() {
            super("its row is no longer queued or running (cancelled, marked failed as abandoned, or taken over)", null, false,
                    false);
        }
    }

    /**
     * The heartbeat, every progress interval, for as long as the job is queued or running here,
     * whatever the run is doing (reading, counting, waiting): never slower than the sweep's patience.
     */
    private void beat(Job job) {
        try {
            if (!table.beat(job.id, clock.instant())) {
                job.lost = true;
                job.ticker.cancel(false);
            }
        } catch (RuntimeException e) {
            log.warn(title + " " + job.id + ": heartbeat not written (tried again in a moment)", e);
        }
    }

    private void run(Job job, S settings) {
        UUID id = job.id;
        long interval = timing.progressInterval().toNanos();
        long started = System.nanoTime();
        long[] lastWrite = {started - interval}; // the first progress is written at once
        try {
            if (job.lost || !table.started(id, clock.instant())) {
                throw new Lost();
            }
            R result = work.apply(settings, (done, total) -> {
                if (job.lost) {
                    throw new Lost();
                }
                long now = System.nanoTime();
                if (now - lastWrite[0] >= interval) {
                    if (!table.progress(id, done, total, clock.instant())) {
                        throw new Lost();
                    }
                    lastWrite[0] = now;
                }
            });
            if (!table.done(id, result, clock.instant())) {
                throw new Lost();
            }
            log.infof("%s %s done: %d in %d ms", title, id, table.count(result), (System.nanoTime() - started) / 1_000_000);
        } catch (Lost e) {
            log.warnf("%s %s stopped on this replica, no result written: %s", title, id, e.getMessage());
        } catch (Failed e) {
            log.warnf("%s %s %s", title, id, e.getMessage());
            markFailed(id, () -> table.failed(id, e.getMessage(), e.done, e.total, clock.instant()));
        } catch (RuntimeException | OutOfMemoryError e) {
            String why = Thread.currentThread().isInterrupted() ? "the service stopped during the " + noun
                    : e instanceof OutOfMemoryError ? "out of memory: ask for a smaller sample" : String.valueOf(e.getMessage());
            log.error(title + " " + id + " failed", e);
            markFailed(id, () -> table.failed(id, why, clock.instant()));
        } finally {
            job.ticker.cancel(false);
            held.remove(id);
        }
    }

    private void markFailed(UUID id, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException notRecorded) {
            log.warn(title + " " + id + " not marked failed (its heartbeat will say it was abandoned)", notRecorded);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
