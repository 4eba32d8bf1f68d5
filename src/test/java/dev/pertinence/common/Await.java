package dev.pertinence.common;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls for an asynchronous outcome (a build, a reload) instead of sleeping a fixed time. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Polls until {@code value} gives something (not null), and returns it. */
    public static <T> T until(String what, Duration timeout, Supplier<T> value) {
        Object[] found = new Object[1];
        until(what, timeout, () -> (found[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T result = (T) found[0];
        return result;
    }
}
