package dev.pertinence.copurchase.store;

import dev.pertinence.decision.Neighbour;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Neighbour lists of the active model version, read from Redis once and then served from
 * memory. A version never changes once written, so entries never go stale: a new version
 * simply starts a new cache. Bounded: past the bound, lists are read but not kept.
 */
@ApplicationScoped
public class NeighbourCache {

    static final int MAX_ITEMS = 20_000;

    private record Generation(String version, Map<String, List<Neighbour>> lists) {
    }

    private final RedisModelStore store;
    private volatile Generation generation = new Generation("", new ConcurrentHashMap<>());

    public NeighbourCache(RedisModelStore store) {
        this.store = store;
    }

    /** The neighbours of each SKU that has any; one Redis command for all the SKUs not cached yet. */
    public Uni<Map<String, List<Neighbour>>> neighbours(String version, List<String> skus) {
        Generation current = generationOf(version);
        Map<String, List<Neighbour>> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String sku : skus) {
            List<Neighbour> cached = current.lists().get(sku);
            if (cached == null) {
                missing.add(sku);
            } else if (!cached.isEmpty()) {
                found.put(sku, cached);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return store.neighbours(version, missing).map(fetched -> {
            for (String sku : missing) {
                List<Neighbour> list = fetched.getOrDefault(sku, List.of());
                if (current.lists().size() < MAX_ITEMS) {
                    current.lists().put(sku, list); // an empty list remembers "no neighbours"
                }
                if (!list.isEmpty()) {
                    found.put(sku, list);
                }
            }
            return found;
        });
    }

    private Generation generationOf(String version) {
        Generation current = generation;
        if (!current.version().equals(version)) {
            current = new Generation(version, new ConcurrentHashMap<>());
            generation = current;
        }
        return current;
    }
}
