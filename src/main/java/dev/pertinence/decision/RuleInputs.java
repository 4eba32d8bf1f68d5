package dev.pertinence.decision;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

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

    static Map<String, Object> history(Snapshot snapshot) {
        LinkedHashSet<String> skus = new LinkedHashSet<>();
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        Map<String, Object> daysSinceSku = new HashMap<>();
        Map<String, Object> daysSinceCategory = new HashMap<>();
        List<Object> purchases = new ArrayList<>();
        double spent = 0;
        for (PastPurchase purchase : snapshot.history()) {
            long days = Math.max(0, Duration.between(purchase.purchasedAt(), snapshot.now()).toDays());
            skus.add(purchase.sku());
            daysSinceSku.putIfAbsent(purchase.sku(), days);
            Map<String, Object> line = new HashMap<>();
            line.put("sku", purchase.sku());
            line.put("daysAgo", days);
            line.put("quantity", (long) purchase.quantity());
            if (purchase.category() != null) {
                categories.add(purchase.category());
                daysSinceCategory.putIfAbsent(purchase.category(), days);
                line.put("category", purchase.category());
            }
            if (purchase.amount() != null) {
                spent += purchase.amount();
                line.put("amount", purchase.amount());
            }
            purchases.add(line);
        }
        Map<String, Object> history = new HashMap<>();
        history.put("skus", List.copyOf(skus));
        history.put("categories", List.copyOf(categories));
        history.put("daysSinceSku", daysSinceSku);
        history.put("daysSinceCategory", daysSinceCategory);
        history.put("purchases", purchases);
        history.put("count", (long) purchases.size());
        history.put("totalSpent", spent);
        return history;
    }

    private static void putIfKnown(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
