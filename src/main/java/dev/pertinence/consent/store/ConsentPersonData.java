package dev.pertinence.consent.store;

import dev.pertinence.identity.PersonRows;
import jakarta.enterprise.context.ApplicationScoped;

/** A person's consents: a merge keeps the newer answer of the two; an erasure deletes them. */
@ApplicationScoped
public class ConsentPersonData extends PersonRows {

    /**
     * Per purpose and channel, the newer answer of the two; the merged person's own rows go with their
     * profile (the {@code customer} row's foreign key cascades).
     */
    private static final String FOLD = """
            INSERT INTO consent (customer_id, purpose, channel, granted, source, recorded_at)
            SELECT $1, purpose, channel, granted, source, recorded_at FROM consent WHERE customer_id = $2
            ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET
                granted = EXCLUDED.granted, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
            WHERE consent.recorded_at < EXCLUDED.recorded_at""";

    public ConsentPersonData() {
        super("consent.customer_id", "consents", FOLD, "consents", "DELETE FROM consent WHERE customer_id = $1");
    }
}
