package dev.pertinence.cascade.store;

import dev.pertinence.identity.PersonRows;
import jakarta.enterprise.context.ApplicationScoped;

/** A person's cascades (their steps go with them, by foreign key): they follow a merge and go with an erasure. */
@ApplicationScoped
public class CascadePersonData extends PersonRows {

    private static final String FOLD = "UPDATE cascade SET customer_id = $1 WHERE customer_id = $2";

    public CascadePersonData() {
        super("cascade.customer_id", "cascades", FOLD, "cascades", "DELETE FROM cascade WHERE customer_id = $1");
    }
}
