package dev.pertinence.purchase.store;

import dev.pertinence.identity.PersonRows;
import jakarta.enterprise.context.ApplicationScoped;

/** A person's purchases: they follow a merge and go with an erasure (the co-purchase model keeps only pair counts). */
@ApplicationScoped
public class PurchasePersonData extends PersonRows {

    private static final String FOLD = "UPDATE purchase SET customer_id = $1 WHERE customer_id = $2";

    public PurchasePersonData() {
        super("purchase.customer_id", "purchases", FOLD, "purchases", "DELETE FROM purchase WHERE customer_id = $1");
    }
}
