package dev.pertinence.decision;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A read-only map whose values are computed when first read. Rules read a few keys of
 * {@code history}; building every key (a map per purchase line among them) for every decision was
 * most of what a decision allocated. CEL reads maps through {@code get} and {@code containsKey}.
 * Confined to one decision: not thread-safe.
 */
final class LazyMap extends AbstractMap<String, Object> {

    private final Map<String, Supplier<Object>> suppliers;
    private final Map<String, Object> values = new HashMap<>();

    LazyMap(Map<String, Supplier<Object>> suppliers) {
        this.suppliers = suppliers;
    }

    @Override
    public Object get(Object key) {
        Supplier<Object> supplier = suppliers.get(key);
        if (supplier == null) {
            return null;
        }
        return values.computeIfAbsent((String) key, k -> supplier.get());
    }

    @Override
    public boolean containsKey(Object key) {
        return suppliers.containsKey(key);
    }

    @Override
    public int size() {
        return suppliers.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        suppliers.keySet().forEach(key -> all.put(key, get(key)));
        return all.entrySet();
    }
}
