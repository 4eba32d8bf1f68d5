package dev.pertinence.common;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders overlapping reloads of one in-memory snapshot: a load started later is never replaced by
 * one started earlier that happens to finish after it.
 */
public final class NewestLoad {

    private final AtomicLong started = new AtomicLong();
    private long installed;

    /** Call before reading the source: the returned ticket orders this load. */
    public long start() {
        return started.incrementAndGet();
    }

    /** Runs {@code swap} unless a load started later was installed already; true when it ran. */
    public synchronized boolean install(long ticket, Runnable swap) {
        if (ticket <= installed) {
            return false;
        }
        installed = ticket;
        swap.run();
        return true;
    }
}
