package dev.pertinence.decide.store;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decision.Consents;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.LifeEvent;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.SessionContext.ProductInfo;
import dev.pertinence.product.store.ProductDirectory;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what PostgreSQL holds for a decision in one call: the profile and its most recent purchase
 * lines, as arrays, with the person's consents and life events. The customer is named by reference
 * (id, merged-away id or identifier key, see {@code CustomerReference}) and resolved in the same
 * statement. No join, no JSON building: the product names and categories come from the in-memory
 * {@link ProductDirectory}.
 *
 * <p>The statement is the function {@code decision_inputs_since} (migrations V21, V25), whose plan is
 * generic from its first call: sent as a prepared statement, PostgreSQL kept planning it afresh for
 * every decision on a replica that had started before the data was imported (docs/benchmarks.md,
 * run 22).
 *
 * <p>Each replica keeps the inputs it last read for a person named by their own id, with the person's
 * version (V25: triggers give a person a new number from one sequence whenever their row, purchases,
 * consents or life events change, in the writing transaction). The call sends the number held; when it is
 * still the person's, PostgreSQL answers only that, and the copy is used: the same single call, read in
 * one snapshot, so a decision never sees older data than it would have read. A copy is labelled again
 * when the product directory was reloaded since, and dropped after {@code inputs-copy-ttl} (lines leave
 * the history window) or when the bound on lines kept pushes it out.
 */
@ApplicationScoped
public class DecisionInputsReader {

    private static final String QUERY = "SELECT * FROM decision_inputs_since($1, $2, $3, $4)";
    private static final int PERSON_WEIGHT = 16;

    private final Pool pool;
    private final ProductDirectory products;
    private final long windowSeconds;
    private final int lines;
    /** By the reference a decision named: only a person's own id (an identifier or a merged-away id is read afresh). */
    private final Cache<String, Held> held;
    private final Counter copies;
    private final Counter reads;

    /** What was read for a person, their version then, and the product directory load that labelled it. */
    private record Held(long version, DecisionInputs inputs, Map<String, ProductInfo> labels) {
    }

    public DecisionInputsReader(Pool pool, ProductDirectory products, PertinenceConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.products = products;
        this.windowSeconds = config.decision().historyWindow().toSeconds();
        this.lines = config.decision().historyLines();
        // a person's profile, consents and entry weigh about as much as 16 purchase lines (1.5-2 KB); the scheduler
        // drops expired copies on time, not at the next use (an erased person's copy goes within the TTL)
        this.held = Caffeine.newBuilder().maximumWeight(config.decision().inputsCopyLines())
                .weigher((String reference, Held copy) -> PERSON_WEIGHT + copy.inputs().history().size())
                .expireAfterWrite(config.decision().inputsCopyTtl()).scheduler(Scheduler.systemScheduler()).build();
        String description = "A decision's inputs: the copy this replica kept (the person unchanged) or read in full";
        this.copies = Counter.builder("pertinence.decision.inputs").tag("result", "copy").description(description).register(meters);
        this.reads = Counter.builder("pertinence.decision.inputs").tag("result", "read").description(description).register(meters);
    }

    /**
     * The profile and recent purchases, newest first; an unknown customer gives no profile. A bare
     * Vert.x future: the decision path wraps it in one budgeted step ({@code Budget}).
     */
    public io.vertx.core.Future<DecisionInputs> read(String customerReference) {
        if (customerReference == null) {
            return io.vertx.core.Future.succeededFuture(DecisionInputs.NONE);
        }
        Held known = held.getIfPresent(customerReference);
        return pool.getDelegate().preparedQuery(QUERY)
                .execute(Tuple.of(customerReference, known == null ? 0L : known.version(), windowSeconds, lines))
                .map(rows -> inputs(customerReference, known, rows));
    }

    private DecisionInputs inputs(String reference, Held known, RowSet<Row> rows) {
        if (rows.size() == 0) {
            held.invalidate(reference);
            reads.increment();
            return DecisionInputs.NONE;
        }
        Row row = rows.iterator().next();
        if (Boolean.TRUE.equals(row.getBoolean("unchanged"))) {
            // versions come from one sequence and are never reused: the number we sent is this person's, unchanged
            copies.increment();
            Map<String, ProductInfo> labels = products.labels();
            if (known.labels() == labels) {
                return known.inputs();
            }
            DecisionInputs relabelled = new DecisionInputs(known.inputs().customer(), known.inputs().history().stream()
                    .map(line -> labelled(labels, line.sku(), line.purchasedAt(), line.quantity(), line.amount())).toList(),
                    known.inputs().consents());
            held.put(reference, new Held(known.version(), relabelled, labels));
            return relabelled;
        }
        reads.increment();
        Map<String, ProductInfo> labels = products.labels();
        DecisionInputs inputs = toInputs(row, labels);
        Long version = row.getLong("version");
        if (version != null && reference.equals(inputs.customer().id())) {
            held.put(reference, new Held(version, inputs, labels));
        } else {
            held.invalidate(reference);
        }
        return inputs;
    }

    /** A purchase line named and categorised from one load of the product directory. */
    private static PastPurchase labelled(Map<String, ProductInfo> labels, String sku, Instant at, int quantity, Double amount) {
        ProductInfo product = labels.get(sku);
        return new PastPurchase(sku, product == null ? null : product.name(), product == null ? null : product.category(),
                at, quantity, amount);
    }

    private DecisionInputs toInputs(Row row, Map<String, ProductInfo> labels) {
        CustomerProfile customer = new CustomerProfile(row.getString("id"),
                row.getString("first_name"), row.getString("last_name"), row.getString("gender"),
                row.getLocalDate("birth_date"), row.getString("region"), row.getString("postal_code"),
                row.getArrayOfStrings("segments") == null ? List.of() : Arrays.asList(row.getArrayOfStrings("segments")),
                row.getString("loyalty_tier"), row.getInteger("loyalty_points"), row.getString("home_store"),
                lifeEvents(row.getArrayOfStrings("events")), reliability(row.getString("provenance")));
        Consents consents = consents(row.getArrayOfStrings("consents"));
        String[] skus = row.getArrayOfStrings("skus");
        if (skus == null) {
            return new DecisionInputs(customer, List.of(), consents);
        }
        Long[] times = row.getArrayOfLongs("times");
        Integer[] quantities = row.getArrayOfIntegers("quantities");
        Double[] amounts = row.getArrayOfDoubles("amounts");
        List<PastPurchase> history = new ArrayList<>(skus.length);
        for (int i = 0; i < skus.length; i++) {
            history.add(labelled(labels, skus[i], Instant.ofEpochMilli(times[i]), quantities[i], amounts[i]));
        }
        history.sort((a, b) -> b.purchasedAt().compareTo(a.purchasedAt())); // array_agg keeps no order by contract
        return new DecisionInputs(customer, Collections.unmodifiableList(history), consents);
    }

    /** {"firstName": {"source": "crm", "reliability": "verified"}} -> {firstName: verified}. */
    private static Map<String, String> reliability(String provenance) {
        if (provenance == null || provenance.length() <= 2) {
            return Map.of();
        }
        Map<String, String> reliability = new HashMap<>();
        new io.vertx.core.json.JsonObject(provenance).forEach(field -> {
            if (field.getValue() instanceof io.vertx.core.json.JsonObject about && about.getString("reliability") != null) {
                reliability.put(field.getKey(), about.getString("reliability"));
            }
        });
        return reliability;
    }

    /** "child_birthday 2019-06-14 true" -> the event. */
    private static List<LifeEvent> lifeEvents(String[] rows) {
        if (rows == null || rows.length == 0) {
            return List.of();
        }
        List<LifeEvent> events = new ArrayList<>(rows.length);
        for (String row : rows) {
            String[] parts = row.split(" ");
            events.add(new LifeEvent(parts[0], LocalDate.parse(parts[1]), Boolean.parseBoolean(parts[2])));
        }
        return events;
    }

    /** "offers:email=true" -> {offers:email: true}. */
    private static Consents consents(String[] rows) {
        if (rows == null || rows.length == 0) {
            return Consents.NONE;
        }
        Map<String, Boolean> answers = new HashMap<>();
        for (String row : rows) {
            int equals = row.lastIndexOf('=');
            answers.put(row.substring(0, equals), Boolean.parseBoolean(row.substring(equals + 1)));
        }
        return new Consents(answers);
    }
}
