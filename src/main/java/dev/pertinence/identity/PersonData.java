package dev.pertinence.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Data that names a person, held by one feature. A merge folds the merged person's data into the
 * survivor's ({@code MergeService}); an erasure forgets a person ({@code ErasureService}). Both run
 * every implementation, so each feature that stores something about a person implements this for
 * its own tables and Redis keys, and nothing else has to remember them: {@code PersonDataTest}
 * fails when a column of the schema naming a customer is claimed by no implementation.
 *
 * <p>The counts the steps return, by name, are the keys of a merge's {@code moved} and of an
 * erasure receipt's {@code erased}: names are part of the API, each used once across all
 * implementations.
 */
public interface PersonData {

    /** Runs before the others: it reads what they delete (the person's identifiers). */
    int FIRST = -1;
    /** Runs after the others: the {@code customer} row, whose foreign keys cascade to what still points at it. */
    int LAST = 1;

    /** What it is, for the logs and to order implementations of the same {@link #order}: "purchases". */
    String name();

    /** Every column naming a person, as {@code table.column}: {@code purchase.customer_id}. */
    Set<String> columns();

    /** Every Redis key naming a person, as a pattern ({@code *} for the id): {@code pertinence:{c:*}:contacts}. */
    default Set<String> keys() {
        return Set.of();
    }

    /** {@link #FIRST}, 0 (most), or {@link #LAST}; within one value, by {@link #name}. */
    default int order() {
        return 0;
    }

    /**
     * Before a merge or an erasure: what this replica still holds in memory about persons is written,
     * so that the transaction finds it (none lands under the old id after).
     */
    default Uni<Void> flush() {
        return Uni.createFrom().voidItem();
    }

    /**
     * Before a merge's transaction, outside PostgreSQL (Redis): the merged person's state is added to
     * the survivor's. Idempotent: if the merge fails after it, the survivor counts more, never fewer.
     * Counts by name, added to the merge's {@code moved} after those of the transaction.
     */
    default Uni<Map<String, Long>> foldKeys(String survivorId, String mergedId) {
        return Uni.createFrom().item(Map.of());
    }

    /**
     * In the merge's transaction: what names {@code mergedId} names {@code survivorId}; rows moved by
     * name. {@code at}: the merge's time, for what records when it changed.
     */
    Uni<Map<String, Long>> fold(SqlConnection connection, String survivorId, String mergedId, Instant at);

    /**
     * Outside PostgreSQL (Redis): the person's {@link #keys} are deleted. Run after a merge (the merged
     * person's; a failure is only logged, so the keys must expire on their own) and around an erasure:
     * before its transaction (a failure erases nothing: the request is to be sent again), after it and
     * after the late writes (a failure is logged).
     */
    default Uni<Void> forgetKeys(String personId) {
        return Uni.createFrom().voidItem();
    }

    /**
     * In the erasure's transaction: the person's rows are deleted, or kept without their link to the
     * person; rows by name. {@code salt}: drawn for this erasure, the same in {@link #forgetLate}, for
     * whatever is replaced by something derived from the person (experiment pseudonyms).
     */
    Uni<Map<String, Long>> forget(SqlConnection connection, String personId, String salt);

    /**
     * A few flush intervals after an erasure: what another replica held in memory during it and wrote
     * after it is forgotten too; how many rows.
     */
    default Uni<Long> forgetLate(String personId, String salt) {
        return Uni.createFrom().item(0L);
    }

    /**
     * Runs {@code step} on each implementation, one after the other ({@link #order}, then {@link #name}:
     * the same order every time); their results in that order. The first failure stops the rest.
     */
    static <T> Uni<List<T>> inTurn(Iterable<PersonData> implementations, Function<PersonData, Uni<T>> step) {
        return Uni.createFrom().deferred(() -> {
            List<T> results = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PersonData data : StreamSupport.stream(implementations.spliterator(), false)
                    .sorted(Comparator.comparingInt(PersonData::order).thenComparing(PersonData::name)).toList()) {
                chain = chain.chain(() -> step.apply(data)).invoke(results::add).replaceWithVoid();
            }
            return chain.replaceWith(results);
        });
    }

    /** Counts by name of every implementation, in turn; a name counted twice is a programming error. */
    static Uni<Map<String, Long>> counted(Iterable<PersonData> implementations, Function<PersonData, Uni<Map<String, Long>>> step) {
        return inTurn(implementations, step).map(each -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            each.forEach(one -> one.forEach((name, count) -> {
                if (counts.putIfAbsent(name, count) != null) {
                    throw new IllegalStateException("'" + name + "' is counted by two kinds of person data");
                }
            }));
            return counts;
        });
    }
}
