package dev.pertinence.common.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named statements run one after the other on one connection (a transaction), each counting the rows it touched. */
public final class CountedStatements {

    private CountedStatements() {
    }

    /** Runs {@code statements} in their order with the same arguments; rows touched, by name, in that order. */
    public static Uni<Map<String, Long>> run(SqlConnection connection, Map<String, String> statements, Tuple arguments) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            chain = chain.chain(() -> connection.preparedQuery(statement.getValue()).execute(arguments)
                    .invoke(rows -> counts.put(statement.getKey(), (long) rows.rowCount())).replaceWithVoid());
        }
        return chain.replaceWith(counts);
    }
}
