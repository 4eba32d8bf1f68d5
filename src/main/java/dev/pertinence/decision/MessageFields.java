package dev.pertinence.decision;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a message may say about the person, each field already resolved to a value that reads
 * well: the person's own when it is known and at least as reliable as the offer requires
 * (verified > declared > inferred), else a neutral fallback. No field is ever null or empty, and a
 * title (Ms, Mr) is used only with a name and a gender reliable enough: never a wrong one.
 *
 * <table>
 *   <tr><th>variable</th><th>known and reliable</th><th>fallback</th></tr>
 *   <tr><td>customer.greeting</td><td>Dear Ms Rousseau / Dear Jeanne Rousseau / Dear Jeanne</td><td>Dear customer</td></tr>
 *   <tr><td>customer.firstName</td><td>Jeanne</td><td>valued customer</td></tr>
 *   <tr><td>customer.fullName</td><td>Jeanne Rousseau</td><td>valued customer</td></tr>
 *   <tr><td>customer.tier</td><td>gold (as a {customer.tier} member)</td><td>valued</td></tr>
 *   <tr><td>customer.points</td><td>1,200 points</td><td>your points</td></tr>
 *   <tr><td>customer.homeStore</td><td>st-lyon</td><td>your nearest store</td></tr>
 *   <tr><td>moment</td><td>Child's birthday in 12 days</td><td>a moment that matters</td></tr>
 *   <tr><td>store.name</td><td>Lyon Part-Dieu (a store visit: the store the person is in)</td><td>our store</td></tr>
 * </table>
 */
public record MessageFields(Map<String, String> customer, String moment, Map<String, String> store) {

    public static final Map<String, String> FALLBACKS = Map.of("greeting", "Dear customer", "firstName", "valued customer",
            "fullName", "valued customer", "tier", "valued", "points", "your points", "homeStore", "your nearest store");
    public static final String NO_MOMENT = "a moment that matters";
    /** What a message may say about the store the person is in, and what it says elsewhere. */
    public static final Map<String, String> STORE_FALLBACKS = Map.of("name", "our store");

    public MessageFields(Map<String, String> customer, String moment) {
        this(customer, moment, STORE_FALLBACKS);
    }

    /** The same fields in the store named {@code storeName} (null or blank: not in a store, the fallback stays). */
    public MessageFields inStore(String storeName) {
        if (storeName == null || storeName.isBlank()) {
            return this;
        }
        return new MessageFields(customer, moment, Map.of("name", storeName.trim()));
    }

    /** How far a field can be trusted; an offer names the least it accepts. */
    public enum Reliability {
        INFERRED, DECLARED, VERIFIED;

        public static Reliability of(String wire) {
            return wire == null ? DECLARED : valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** Every field at its fallback: what a message says of someone we know nothing about. */
    public static MessageFields neutral() {
        return new MessageFields(Map.copyOf(FALLBACKS), NO_MOMENT);
    }

    public static MessageFields of(CustomerProfile customer, Reliability required, String moment) {
        Map<String, String> fields = new LinkedHashMap<>(FALLBACKS);
        if (customer != null) {
            String first = usable(customer, "firstName", customer.firstName(), required);
            String last = usable(customer, "lastName", customer.lastName(), required);
            String gender = usable(customer, "gender", customer.gender(), required);
            String title = "female".equals(gender) ? "Ms" : "male".equals(gender) ? "Mr" : null;
            if (first != null) {
                fields.put("firstName", first);
            }
            String full = first != null && last != null ? first + " " + last : first;
            if (full != null) {
                fields.put("fullName", full);
            }
            if (title != null && last != null) {
                fields.put("greeting", "Dear " + title + " " + last);
            } else if (full != null) {
                fields.put("greeting", "Dear " + full);
            }
            String tier = usable(customer, "loyaltyTier", customer.loyaltyTier(), required);
            if (tier != null) {
                fields.put("tier", tier);
            }
            if (customer.loyaltyPoints() != null && reliable(customer, "loyaltyPoints", required)) {
                fields.put("points", NumberFormat.getIntegerInstance(Locale.ENGLISH).format(customer.loyaltyPoints()) + " points");
            }
            String store = usable(customer, "homeStore", customer.homeStore(), required);
            if (store != null) {
                fields.put("homeStore", store);
            }
        }
        return new MessageFields(Map.copyOf(fields), moment == null ? NO_MOMENT : moment);
    }

    private static String usable(CustomerProfile customer, String field, String value, Reliability required) {
        return value == null || value.isBlank() || !reliable(customer, field, required) ? null : value.trim();
    }

    private static boolean reliable(CustomerProfile customer, String field, Reliability required) {
        return Reliability.of(customer.reliability().get(field)).compareTo(required) >= 0;
    }
}
