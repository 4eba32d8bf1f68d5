package dev.pertinence.offer.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Equality, ordering and arithmetic over the values rules see (booleans, longs, doubles, strings,
 * lists, maps) exactly as CEL's Java runtime (0.14) does them, edges included, because a verdict
 * must not depend on which evaluator gave it: an int against a double compares as two doubles
 * ({@code Double.compare}: 2^53 + 1 is not above 2^53 as a double, NaN is above every int, -0.0
 * below 0); two doubles compare as IEEE numbers (NaN neither below, equal nor above); strings by
 * UTF-16 unit ({@code String.compareTo}, not by code point as the CEL specification says).
 */
final class Values {

    /** {@link #compare} of NaN with anything. */
    static final int UNORDERED = Integer.MIN_VALUE;

    private Values() {
    }

    static boolean isInt(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true; // CEL's own shortcut: a NaN read twice from the same field equals itself
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (isInt(x) && isInt(y)) {
                return x.longValue() == y.longValue();
            }
            if (isInt(x) || isInt(y)) {
                return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
            }
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !equal(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a != null && a.equals(b);
    }

    /** Negative, zero or positive; {@link #UNORDERED} for NaN against a double; null when the two cannot be ordered. */
    static Integer compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            boolean xInt = isInt(x);
            boolean yInt = isInt(y);
            if (xInt && yInt) {
                return Long.compare(x.longValue(), y.longValue());
            }
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            if (xInt || yInt) {
                return Integer.signum(Double.compare(dx, dy)); // as CEL does: NaN above every int, -0.0 below 0
            }
            if (Double.isNaN(dx) || Double.isNaN(dy)) {
                return UNORDERED;
            }
            return dx < dy ? -1 : dx > dy ? 1 : 0;
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return null;
    }

    /** Characters or elements per step a joined string or list costs (docs/rules.md). */
    static final int SIZE_PER_STEP = 16;

    /**
     * What a string or list that {@code +} built costs beyond its own step: one step per
     * {@value #SIZE_PER_STEP} characters or elements. A rule doubling a string in nested macros
     * ({@code [a + a].exists(b, [b + b].exists(...))}) costs a few hundred steps by its shape and
     * would build 2^30 characters; charged by size, it stops past the step budget at a few hundred
     * thousand.
     */
    static long sizeSteps(Object value) {
        if (value instanceof String s) {
            return s.length() / SIZE_PER_STEP;
        }
        if (value instanceof List<?> list) {
            return list.size() / SIZE_PER_STEP;
        }
        return 0;
    }

    /** {@code a + b} or {@code a - b}: longs with overflow an error, doubles, strings and lists joined. */
    static Object add(Object a, Object b, boolean subtract) {
        if (isInt(a) && isInt(b)) {
            long x = ((Number) a).longValue();
            long y = ((Number) b).longValue();
            try {
                return subtract ? Math.subtractExact(x, y) : Math.addExact(x, y);
            } catch (ArithmeticException e) {
                return new DirectRule.Err("return error for overflow");
            }
        }
        if (a instanceof Double x && b instanceof Double y) {
            return subtract ? x - y : x + y;
        }
        if (!subtract && a instanceof String x && b instanceof String y) {
            return x + y;
        }
        if (!subtract && a instanceof List<?> x && b instanceof List<?> y) {
            List<Object> joined = new ArrayList<>(x.size() + y.size());
            joined.addAll(x);
            joined.addAll(y);
            return joined;
        }
        return DirectRule.noOverload(subtract ? "_-_" : "_+_");
    }
}
