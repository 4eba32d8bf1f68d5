package dev.pertinence.privacy;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The auditor's search after an erasure, as tests run it against the real PostgreSQL. */
public final class AuditorSearch {

    private AuditorSearch() {
    }

    /** "table.column holds trace" for every column of every table, whatever its type, read as text. */
    public static List<String> everyColumnHolding(Pool pool, List<String> traces) {
        List<String> found = new ArrayList<>();
        for (Row column : pool.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'")
                .execute().await().indefinitely()) {
            String table = column.getString(0);
            String name = column.getString(1);
            for (String trace : traces) {
                long rows = pool.preparedQuery("SELECT count(*) FROM \"" + table + "\" WHERE \"" + name
                                + "\"::text LIKE '%' || $1 || '%'").execute(Tuple.of(trace)).await().indefinitely()
                        .iterator().next().getLong(0);
                if (rows > 0) {
                    found.add(table + "." + name + " holds " + trace);
                }
            }
        }
        return found;
    }
}
