package dev.pertinence.identity;

import dev.pertinence.common.store.CountedStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Person data held as rows of one table under one column: a merge repoints them with one
 * statement ($1 the survivor, $2 the merged person), an erasure deletes or unlinks them with another
 * ($1 the person). Each is counted under its own name in the merge audit and the erasure receipt.
 */
public abstract class PersonRows implements PersonData {

    private final String name;
    private final String column;
    private final Map<String, String> fold;
    private final Map<String, String> forget;

    /**
     * @param column      {@code table.column} naming the person
     * @param foldCount   the name the moved rows are counted under
     * @param forgetCount the name the erased rows are counted under
     */
    protected PersonRows(String column, String foldCount, String foldSql, String forgetCount, String forgetSql) {
        this.name = foldCount;
        this.column = column;
        this.fold = Map.of(foldCount, foldSql);
        this.forget = Map.of(forgetCount, forgetSql);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> columns() {
        return Set.of(column);
    }

    @Override
    public Uni<Map<String, Long>> fold(SqlConnection connection, String survivorId, String mergedId, Instant at) {
        return CountedStatements.run(connection, fold, Tuple.of(survivorId, mergedId));
    }

    @Override
    public Uni<Map<String, Long>> forget(SqlConnection connection, String personId, String salt) {
        return CountedStatements.run(connection, forget, Tuple.of(personId));
    }
}
