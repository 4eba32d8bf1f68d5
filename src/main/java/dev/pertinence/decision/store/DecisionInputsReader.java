package dev.pertinence.decision.store;

import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.SessionContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads everything PostgreSQL holds for a decision in one query: the profile, its recent
 * purchases with their products' names and categories, and the products of the session (cart,
 * viewed product). The query runs for anonymous visitors too, for the session products.
 */
@ApplicationScoped
public class DecisionInputsReader {

    private static final String QUERY = """
            SELECT c.id, c.first_name, c.last_name, c.gender, c.birth_date, c.region, c.postal_code, c.segments,
                   c.loyalty_tier, c.loyalty_points, c.home_store,
                   (SELECT COALESCE(json_agg(json_build_array(p.sku, pr.name, pr.category,
                                (extract(epoch FROM p.purchased_at) * 1000)::bigint, p.quantity, p.amount)
                            ORDER BY p.purchased_at DESC), '[]'::json)
                    FROM (SELECT sku, purchased_at, quantity, amount FROM purchase
                          WHERE customer_id = c.id AND purchased_at >= $2
                          ORDER BY purchased_at DESC LIMIT $3) p
                    LEFT JOIN product pr ON pr.sku = p.sku) AS history,
                   (SELECT COALESCE(json_agg(json_build_array(sku, name, category)), '[]'::json)
                    FROM product WHERE sku = ANY($4)) AS session_products
            FROM (SELECT $1::text AS wanted) w LEFT JOIN customer c ON c.id = w.wanted""";

    private final Pool pool;

    public DecisionInputsReader(Pool pool) {
        this.pool = pool;
    }

    public Uni<DecisionInputs> read(String customerId, Instant historySince, int historyLines, List<String> sessionSkus) {
        return pool.preparedQuery(QUERY)
                .execute(Tuple.of(customerId, historySince.atOffset(ZoneOffset.UTC), historyLines,
                        sessionSkus.toArray(String[]::new)))
                .map(rows -> toInputs(rows.iterator().next()));
    }

    private static DecisionInputs toInputs(Row row) {
        CustomerProfile customer = row.getString("id") == null ? null : new CustomerProfile(row.getString("id"),
                row.getString("first_name"), row.getString("last_name"), row.getString("gender"),
                row.getLocalDate("birth_date"), row.getString("region"), row.getString("postal_code"),
                row.getArrayOfStrings("segments") == null ? List.of() : Arrays.asList(row.getArrayOfStrings("segments")),
                row.getString("loyalty_tier"), row.getInteger("loyalty_points"), row.getString("home_store"));
        List<PastPurchase> history = new ArrayList<>();
        JsonArray lines = (JsonArray) row.getValue("history");
        for (int i = 0; i < lines.size(); i++) {
            JsonArray line = lines.getJsonArray(i);
            Number amount = line.getNumber(5);
            history.add(new PastPurchase(line.getString(0), line.getString(1), line.getString(2),
                    Instant.ofEpochMilli(line.getLong(3)), line.getInteger(4), amount == null ? null : amount.doubleValue()));
        }
        Map<String, SessionContext.ProductInfo> products = new HashMap<>();
        JsonArray session = (JsonArray) row.getValue("session_products");
        for (int i = 0; i < session.size(); i++) {
            JsonArray product = session.getJsonArray(i);
            products.put(product.getString(0), new SessionContext.ProductInfo(product.getString(1), product.getString(2)));
        }
        return new DecisionInputs(customer, history, products);
    }
}
