package dev.pertinence.customer.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A person's profile and life events. Runs {@link #LAST}: the merged person's or the erased
 * person's {@code customer} row goes, and its foreign keys cascade to whatever still points at it,
 * so every other feature must have moved or deleted its rows before.
 */
@ApplicationScoped
public class CustomerPersonData implements PersonData {

    private static final Map<String, String> FOLD = Map.of("lifeEvents", "UPDATE life_event SET customer_id = $1 WHERE customer_id = $2");
    /** The survivor keeps what it knows; what it does not, it takes from the merged profile (with its provenance). */
    private static final String PROFILE = """
            UPDATE customer s SET
                first_name = coalesce(s.first_name, o.first_name), last_name = coalesce(s.last_name, o.last_name),
                gender = coalesce(s.gender, o.gender), birth_date = coalesce(s.birth_date, o.birth_date),
                region = coalesce(s.region, o.region), postal_code = coalesce(s.postal_code, o.postal_code),
                segments = s.segments || ARRAY(SELECT x FROM unnest(o.segments) x WHERE x <> ALL (s.segments)),
                loyalty_tier = coalesce(s.loyalty_tier, o.loyalty_tier),
                loyalty_points = coalesce(s.loyalty_points, o.loyalty_points),
                home_store = coalesce(s.home_store, o.home_store),
                provenance = o.provenance || s.provenance, updated_at = $3
            FROM customer o WHERE s.id = $1 AND o.id = $2""";
    private static final String DELETE = "DELETE FROM customer WHERE id = $1";
    private static final Map<String, String> FORGET = new LinkedHashMap<>();

    static {
        FORGET.put("lifeEvents", "DELETE FROM life_event WHERE customer_id = $1");
        FORGET.put("profile", DELETE);
    }

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public Set<String> columns() {
        // customer_version's row goes with the customer row, by trigger (V25)
        return Set.of("customer.id", "life_event.customer_id", "customer_version.customer_id");
    }

    @Override
    public int order() {
        return LAST;
    }

    /** The merged profile fills the survivor's gaps, then goes (not counted: the merge itself says so). */
    @Override
    public Uni<Map<String, Long>> fold(SqlConnection connection, String survivorId, String mergedId, Instant at) {
        return CountedStatements.run(connection, FOLD, Tuple.of(survivorId, mergedId))
                .call(() -> connection.preparedQuery(PROFILE).execute(Tuple.of(survivorId, mergedId, at.atOffset(ZoneOffset.UTC))))
                .call(() -> connection.preparedQuery(DELETE).execute(Tuple.of(mergedId)));
    }

    @Override
    public Uni<Map<String, Long>> forget(SqlConnection connection, String personId, String salt) {
        return CountedStatements.run(connection, FORGET, Tuple.of(personId));
    }
}
