package dev.pertinence.copurchase;

import dev.pertinence.decision.Neighbour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One item's neighbours as the model keeps them: offered its candidates one by one in any order,
 * it holds at most {@code topK} of those {@link ModelMeasures#associated associated}, and ranks
 * them by LLR, strongest first, ties by SKU. Memory is bounded by {@code topK}, whatever the
 * number of candidates. Shared by every builder (docs/model-build.md).
 */
public final class TopNeighbours {

    /** The order of a model's neighbour list; a total order (the SKUs of one item's neighbours differ). */
    public static final Comparator<Neighbour> STRONGEST_FIRST =
            Comparator.comparingDouble(Neighbour::llr).reversed().thenComparing(Neighbour::sku);
    private static final Comparator<Neighbour> WEAKEST_FIRST = STRONGEST_FIRST.reversed();

    private final int topK;
    private final PriorityQueue<Neighbour> kept = new PriorityQueue<>(WEAKEST_FIRST);

    public TopNeighbours(int topK) {
        this.topK = topK;
    }

    /** Considers one candidate, already {@link ModelMeasures#supported supported}. */
    public void offer(Neighbour candidate) {
        if (!ModelMeasures.associated(candidate) || topK <= 0) {
            return;
        }
        if (kept.size() < topK) {
            kept.add(candidate);
        } else if (WEAKEST_FIRST.compare(candidate, kept.peek()) > 0) {
            kept.poll();
            kept.add(candidate);
        }
    }

    public boolean isEmpty() {
        return kept.isEmpty();
    }

    /** The neighbours kept, strongest first. */
    public List<Neighbour> ranked() {
        List<Neighbour> ranked = new ArrayList<>(kept);
        ranked.sort(STRONGEST_FIRST);
        return List.copyOf(ranked);
    }
}
