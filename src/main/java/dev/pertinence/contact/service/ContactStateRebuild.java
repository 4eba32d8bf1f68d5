package dev.pertinence.contact.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.DerivedState;
import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.contact.store.ContactStore;
import dev.pertinence.decision.ContactPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives Redis back every person's contact state after it lost its data: the exposures PostgreSQL
 * holds within the policy's look-back (shown, answered, declined, refused: each with the time the
 * caps count it from), then the reservations of decisions younger than the reservation hold that
 * no exposure answered yet. Streams the rows person by person; one script per person (split past
 * {@value #PER_CALL} members), {@value #IN_FLIGHT} persons at a time.
 */
@ApplicationScoped
public class ContactStateRebuild implements DerivedState {

    private static final int PER_CALL = 1_000;
    private static final int IN_FLIGHT = 200;
    /** Status codes as ContactKeys documents them: the strongest response kept in the exposure row decides. */
    private static final String EXPOSURES = """
            SELECT customer_id, decision_id::text, offer_id, channel,
                   CASE WHEN response = 'refuse' THEN 'x' WHEN response = 'dismiss' THEN '-'
                        WHEN response IS NULL THEN 's' ELSE '+' END AS status,
                   CASE WHEN response = 'refuse' THEN responded_at ELSE shown_at END AS at
            FROM exposure WHERE shown_at > $1 OR (response = 'refuse' AND responded_at > $1)
            ORDER BY customer_id""";
    private static final String RESERVATIONS = """
            SELECT d.customer_id, d.id::text, o.value ->> 'offerId', d.channel, 'r', d.decided_at
            FROM decision d CROSS JOIN LATERAL jsonb_array_elements(d.offers) o
            WHERE d.customer_id IS NOT NULL AND d.decided_at > $1
              AND o.value ->> 'offerId' NOT LIKE 'page/%' -- a page layout's sections (PageOrder.key) hold no contact
              AND NOT EXISTS (SELECT 1 FROM exposure e WHERE e.decision_id = d.id AND e.offer_id = o.value ->> 'offerId')
            ORDER BY d.customer_id""";

    private final Pool pool;
    private final ContactStore contacts;
    private final ContactPolicy policy;
    private final Clock clock;
    private final Duration budget;

    public ContactStateRebuild(Pool pool, ContactStore contacts, ContactPolicy policy, Clock clock, PertinenceConfig config) {
        this.pool = pool;
        this.contacts = contacts;
        this.policy = policy;
        this.clock = clock;
        this.budget = config.redis().backgroundTimeout();
    }

    @Override
    public String name() {
        return "contact state";
    }

    @Override
    public long rebuild() {
        Instant now = clock.instant();
        long restored = 0;
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            // exposures first: a reservation never overwrites an exposure, an exposure replaces a reservation
            restored += restore(tx, EXPOSURES, now.minus(policy.lookBack()), now);
            restored += restore(tx, RESERVATIONS, now.minus(policy.reservationHold()), now);
        }
        return restored;
    }

    private long restore(BlockingTransaction tx, String sql, Instant since, Instant now) {
        Batch batch = new Batch(now);
        tx.stream(sql, Tuple.of(since.atOffset(ZoneOffset.UTC)), 5_000, batch::add);
        batch.flushPerson();
        batch.send();
        return batch.restored;
    }

    /** Rows grouped by person (they come sorted), calls sent {@value #IN_FLIGHT} at a time. */
    private final class Batch {
        private final Instant now;
        private final List<Uni<Integer>> calls = new ArrayList<>(IN_FLIGHT);
        private String person;
        private List<ContactStore.Restored> members = new ArrayList<>();
        long restored;

        Batch(Instant now) {
            this.now = now;
        }

        void add(Row row) {
            String customer = row.getString(0);
            if (!customer.equals(person) || members.size() == PER_CALL) {
                flushPerson();
                person = customer;
            }
            members.add(new ContactStore.Restored(row.getString(1), row.getString(2), row.getString(3),
                    row.getString(4).charAt(0), row.getOffsetDateTime(5).toInstant()));
        }

        void flushPerson() {
            if (!members.isEmpty()) {
                calls.add(contacts.restore(person, members, policy.lookBack(), now, budget));
                members = new ArrayList<>();
                if (calls.size() == IN_FLIGHT) {
                    send();
                }
            }
        }

        void send() {
            if (calls.isEmpty()) {
                return;
            }
            List<Integer> counts = Uni.join().all(List.copyOf(calls)).andFailFast().await().atMost(budget.multipliedBy(2));
            calls.clear();
            counts.forEach(count -> restored += count);
        }
    }
}
