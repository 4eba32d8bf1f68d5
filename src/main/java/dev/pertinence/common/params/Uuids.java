package dev.pertinence.common.params;

import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.common.problem.ClientProblem;
import java.util.UUID;

/** A UUID in a path or a body, in its canonical 36-character form (UUID.fromString also takes "1-1-1-1-1"). */
public final class Uuids {

    private Uuids() {
    }

    /** The UUID, or a 400 naming {@code field}. */
    public static UUID parse(String value, String field) {
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ClientProblem.invalid(field, field + ": '" + LogSafe.value(value) + "' is not a UUID");
        }
    }
}
