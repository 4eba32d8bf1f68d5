package dev.pertinence.common.problem;

import java.util.function.Predicate;

/** Looks through a failure and its causes: what reaches a mapper is often wrapped two or three times. */
final class Causes {

    private Causes() {
    }

    /** The failure itself or its first cause that passes {@code test}; null when none does. */
    static Throwable first(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return cause;
            }
        }
        return null;
    }
}
