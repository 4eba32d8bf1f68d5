package dev.pertinence.copurchase;

import dev.pertinence.decision.Popularity;
import dev.pertinence.decision.Neighbour;
import java.util.List;
import java.util.Map;

/** A built model: each item's top neighbours, popularity, and the figures describing the build. */
public record CoPurchaseModel(Map<String, List<Neighbour>> neighbours, Popularity popularity,
                              long baskets, int items, long pairs, long neighbourCount) {
}
