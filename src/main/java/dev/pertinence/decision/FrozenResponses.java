package dev.pertinence.decision;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A decision's copy of the learned responses ({@link LearnedResponses#frozen}). Copying every
 * offer's counts would cost as much as the decision, so the copy is made as it is read: the
 * version and the list of changes are fixed when it is made, each offer's counts on first read.
 * Not thread-safe: one decision, one event loop.
 */
final class FrozenResponses implements LearnedResponses {

    private final LearnedResponses live;
    private final long version;
    private final long since;
    private final Set<String> changed;
    /** By segment, then offer: a decision reads one segment. */
    private final Map<String, Map<String, Counts>> read = new HashMap<>(2);

    FrozenResponses(LearnedResponses live, long since) {
        this.live = live;
        this.since = since;
        this.version = live.version(); // before the changes: a change racing this copy is listed, and rescored
        this.changed = live.changedSince(since);
    }

    @Override
    public Counts counts(String offerId, String segment) {
        Map<String, Counts> ofSegment = read.computeIfAbsent(segment, key -> new HashMap<>());
        Counts counts = ofSegment.get(offerId);
        if (counts == null) {
            counts = live.counts(offerId, segment);
            ofSegment.put(offerId, counts);
        }
        return counts;
    }

    @Override
    public long version() {
        return version;
    }

    /** The changes since the version it was frozen against; any other asks the live responses, as of now. */
    @Override
    public Set<String> changedSince(long version) {
        return version == since ? changed : live.changedSince(version);
    }
}
