package dev.pertinence.offer.rule;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a rule reads, declared field by field (docs/rules.md), so that a rule is
 * type-checked when it is saved: {@code customer.segment} (no such field), {@code customer.age >= "18"}
 * (int against string) and {@code customer.age} (not a boolean) are refused with their position
 * instead of silently never matching anyone. At run time the values are still plain maps
 * ({@code RuleInputs}): CEL selects a declared field of a map by its key.
 */
final class RuleTypes {

    private static final CelType STRING = SimpleType.STRING;
    private static final CelType INT = SimpleType.INT;
    private static final CelType BOOL = SimpleType.BOOL;
    private static final CelType DOUBLE = SimpleType.DOUBLE;
    private static final CelType STRINGS = ListType.create(STRING);

    static final StructType PURCHASE = struct("pertinence.Purchase", fields(
            "sku", STRING, "daysAgo", INT, "quantity", INT, "category", STRING, "amount", DOUBLE));

    static final StructType CUSTOMER = struct("pertinence.Customer", fields(
            "known", BOOL, "segments", STRINGS, "id", STRING, "firstName", STRING, "lastName", STRING, "gender", STRING,
            "region", STRING, "postalCode", STRING, "loyaltyTier", STRING, "homeStore", STRING, "birthDate", STRING,
            "age", INT, "loyaltyPoints", INT));

    static final StructType CONTEXT = struct("pertinence.Context", fields(
            "channel", STRING, "placement", STRING, "hour", INT, "dayOfWeek", INT, "month", INT, "cart", STRINGS,
            "cartCategories", STRINGS, "currentProduct", STRING, "currentCategory", STRING, "storeId", STRING,
            "device", STRING, "hasLocation", BOOL));

    static final StructType HISTORY = struct("pertinence.History", fields(
            "skus", STRINGS, "categories", STRINGS, "daysSinceSku", MapType.create(STRING, INT),
            "daysSinceCategory", MapType.create(STRING, INT), "purchases", ListType.create(PURCHASE), "count", INT,
            "totalSpent", DOUBLE));

    /** The three variables and the struct type each has. */
    static final Map<String, StructType> VARIABLES = Map.of("customer", CUSTOMER, "context", CONTEXT, "history", HISTORY);

    static final CelTypeProvider PROVIDER = new CelTypeProvider() {
        private final ImmutableMap<String, CelType> types = ImmutableMap.of(PURCHASE.name(), PURCHASE,
                CUSTOMER.name(), CUSTOMER, CONTEXT.name(), CONTEXT, HISTORY.name(), HISTORY);

        @Override
        public ImmutableList<CelType> types() {
            return types.values().asList();
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            return Optional.ofNullable(types.get(typeName));
        }
    };

    private RuleTypes() {
    }

    /** "customer" for the customer's type: how a rule writer knows it. */
    static String variableOf(String typeName) {
        return VARIABLES.entrySet().stream().filter(e -> e.getValue().name().equals(typeName)).map(Map.Entry::getKey)
                .findFirst().orElse(PURCHASE.name().equals(typeName) ? "a purchase" : typeName);
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        ImmutableMap<String, CelType> copy = ImmutableMap.copyOf(fields);
        return StructType.create(name, ImmutableSet.copyOf(copy.keySet()), field -> Optional.ofNullable(copy.get(field)));
    }

    private static Map<String, CelType> fields(Object... namesAndTypes) {
        Map<String, CelType> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put((String) namesAndTypes[i], (CelType) namesAndTypes[i + 1]);
        }
        return fields;
    }
}
