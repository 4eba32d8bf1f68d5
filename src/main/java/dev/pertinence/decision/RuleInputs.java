package dev.pertinence.decision;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the {@code customer}, {@code context} and {@code history} variables rules read. Unknown
 * profile fields are absent (a rule tests them with {@code has(customer.age)}); lists are always
 * present, empty when nothing is known. Integers are longs, as CEL expects.
 */
public final class RuleInputs {

    private RuleInputs() {
    }

    public static RuleVariables of(Snapshot snapshot) {
        return new RuleVariables(customer(snapshot), context(snapshot.context()), history(snapshot));
    }

    static Map<String, Object> customer(Snapshot snapshot) {
        Map<String, Object> customer = new HashMap<>();
        CustomerProfile profile = snapshot.customer();
        customer.put("known", profile != null);
        customer.put("segments", profile == null || profile.segments() == null ? List.of() : profile.segments());
        if (profile == null) {
            return customer;
        }
        customer.put("id", profile.id());
        putIfKnown(customer, "firstName", profile.firstName());
        putIfKnown(customer, "lastName", profile.lastName());
        putIfKnown(customer, "gender", profile.gender());
        putIfKnown(customer, "region", profile.region());
        putIfKnown(customer, "postalCode", profile.postalCode());
        putIfKnown(customer, "loyaltyTier", profile.loyaltyTier());
        putIfKnown(customer, "homeStore", profile.homeStore());
        if (profile.loyaltyPoints() != null) {
            customer.put("loyaltyPoints", profile.loyaltyPoints().longValue());
        }
        if (profile.birthDate() != null) {
            customer.put("birthDate", profile.birthDate().toString());
            customer.put("age", (long) Period.between(profile.birthDate(), snapshot.now().atZone(ZoneOffset.UTC).toLocalDate()).getYears());
        }
        return customer;
    }

    static Map<String, Object> context(SessionContext session) {
        Map<String, Object> context = new HashMap<>();
        context.put("channel", session.channel());
        context.put("placement", session.placement());
        context.put("hour", (long) session.localTime().getHour());
        context.put("dayOfWeek", (long) session.localTime().getDayOfWeek().getValue());
        context.put("month", (long) session.localTime().getMonthValue());
        context.put("cart", session.cart());
        List<String> cartCategories = session.cart().stream().map(session::categoryOf).filter(c -> c != null).distinct().toList();
        context.put("cartCategories", cartCategories);
        context.put("hasLocation", session.latitude() != null);
        if (session.currentProduct() != null) {
            context.put("currentProduct", session.currentProduct());
            putIfKnown(context, "currentCategory", session.categoryOf(session.currentProduct()));
        }
        putIfKnown(context, "storeId", session.storeId());
        putIfKnown(context, "device", session.device());
        return context;
    }

    /** Each key is computed only if a rule reads it (see {@link LazyMap}). */
    static Map<String, Object> history(Snapshot snapshot) {
        List<PastPurchase> history = snapshot.history();
        Map<String, Supplier<Object>> keys = new LinkedHashMap<>();
        keys.put("skus", () -> DistinctStrings.of(history.stream().map(PastPurchase::sku)));
        keys.put("categories", () -> DistinctStrings.of(history.stream().map(PastPurchase::category)));
        keys.put("daysSinceSku", () -> latestDays(snapshot, PastPurchase::sku));
        keys.put("daysSinceCategory", () -> latestDays(snapshot, PastPurchase::category));
        keys.put("purchases", () -> purchases(snapshot));
        keys.put("count", () -> (long) history.size());
        keys.put("totalSpent", () -> history.stream().map(PastPurchase::amount).filter(a -> a != null)
                .mapToDouble(Double::doubleValue).sum());
        return new LazyMap(keys);
    }

    /** Days since the latest purchase of each key (history is newest first). */
    private static Map<String, Object> latestDays(Snapshot snapshot, Function<PastPurchase, String> key) {
        Map<String, Object> days = new HashMap<>();
        for (PastPurchase purchase : snapshot.history()) {
            String value = key.apply(purchase);
            if (value != null) {
                days.putIfAbsent(value, daysAgo(purchase, snapshot));
            }
        }
        return days;
    }

    private static List<Object> purchases(Snapshot snapshot) {
        List<Object> purchases = new ArrayList<>(snapshot.history().size());
        for (PastPurchase purchase : snapshot.history()) {
            Map<String, Object> line = new HashMap<>();
            line.put("sku", purchase.sku());
            line.put("daysAgo", daysAgo(purchase, snapshot));
            line.put("quantity", (long) purchase.quantity());
            putIfKnown(line, "category", purchase.category());
            putIfKnown(line, "amount", purchase.amount());
            purchases.add(line);
        }
        return purchases;
    }

    private static long daysAgo(PastPurchase purchase, Snapshot snapshot) {
        return Math.max(0, Duration.between(purchase.purchasedAt(), snapshot.now()).toDays());
    }

    private static void putIfKnown(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
