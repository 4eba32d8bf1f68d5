package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LazyMapTest {

    @Test
    void computesAValueOnlyWhenReadAndOnlyOnce() {
        AtomicInteger purchasesBuilt = new AtomicInteger();
        Map<String, Supplier<Object>> keys = new LinkedHashMap<>();
        keys.put("count", () -> 3L);
        keys.put("purchases", () -> "built " + purchasesBuilt.incrementAndGet());
        LazyMap history = new LazyMap(keys);

        assertTrue(history.containsKey("purchases"));
        assertEquals(3L, history.get("count"));
        assertEquals(0, purchasesBuilt.get());
        assertEquals("built 1", history.get("purchases"));
        assertEquals("built 1", history.get("purchases"));
        assertEquals(1, purchasesBuilt.get());
        assertFalse(history.containsKey("missing"));
        assertNull(history.get("missing"));
        assertEquals(Map.of("count", 3L, "purchases", "built 1"), Map.copyOf(history));
        assertEquals(2, history.size());
    }
}
