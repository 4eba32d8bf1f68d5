package dev.pertinence.common;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A fresh JVM is slow for its first seconds of traffic while the JIT compiles what the warm-up did
 * not reach (the HTTP layer, token checks, the reservation script, the recorder's inserts): a store
 * call then waits on our own CPU, not on the store. During the grace, a store's time budget is at
 * least {@code graceBudget}, so a healthy restart is not reported as a store failure (degraded);
 * a store that is really down still fails the call, later. After it, budgets are as configured.
 */
public final class StartupGrace {

    private final long endsAt;
    private final Duration graceBudget;
    private final LongSupplier nanoTime;

    public StartupGrace(Duration grace, Duration graceBudget, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.endsAt = nanoTime.getAsLong() + grace.toNanos();
        this.graceBudget = graceBudget;
    }

    public StartupGrace(Duration grace, Duration graceBudget) {
        this(grace, graceBudget, System::nanoTime);
    }

    /** The budget to give a store call now. */
    public Duration budget(Duration configured) {
        return nanoTime.getAsLong() - endsAt < 0 && graceBudget.compareTo(configured) > 0 ? graceBudget : configured;
    }
}
