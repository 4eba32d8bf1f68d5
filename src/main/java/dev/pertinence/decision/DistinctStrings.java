package dev.pertinence.decision;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A list of distinct strings in their first-seen order that answers {@link #contains} from a hash
 * set: {@code 'sku' in history.skus} is the most common rule there is, evaluated for many offers per
 * decision against up to {@code history-lines} items. Read-only.
 */
final class DistinctStrings extends AbstractList<String> {

    private final List<String> items;
    private final Set<String> members;

    private DistinctStrings(List<String> items, Set<String> members) {
        this.items = items;
        this.members = members;
    }

    /** The distinct non-null values, in order. */
    static DistinctStrings of(Stream<String> values) {
        List<String> items = new ArrayList<>();
        Set<String> members = new HashSet<>();
        values.filter(Objects::nonNull).forEach(value -> {
            if (members.add(value)) {
                items.add(value);
            }
        });
        return new DistinctStrings(items, members);
    }

    @Override
    public String get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean contains(Object value) {
        return members.contains(value);
    }
}
