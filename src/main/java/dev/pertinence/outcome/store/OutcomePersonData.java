package dev.pertinence.outcome.store;

import dev.pertinence.identity.PersonRows;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A person's outcomes: they follow a merge; an erasure keeps them without their link to the person,
 * so offer performance and learned rates read the same before and after.
 */
@ApplicationScoped
public class OutcomePersonData extends PersonRows {

    private static final String FOLD = "UPDATE outcome SET customer_id = $1 WHERE customer_id = $2";

    public OutcomePersonData() {
        super("outcome.customer_id", "outcomes", FOLD, "outcomesUnlinked", "UPDATE outcome SET customer_id = NULL WHERE customer_id = $1");
    }
}
