package dev.pertinence.contact.service;

import dev.pertinence.consent.store.ConsentStore;
import dev.pertinence.decision.ChannelAppetence;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.Consents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How readily a person answers per outbound channel (from their exposures), and the best channel they consented to. */
@ApplicationScoped
public class Appetences {

    /** The channels a company reaches a person on (decision channels). */
    public static final List<String> OUTBOUND = List.of("email", "sms", "call_centre", "store", "app");
    private static final String COUNTS = """
            SELECT channel, count(*) AS shown,
                   count(*) FILTER (WHERE response IN ('click', 'accept', 'convert')) AS responded
            FROM exposure WHERE customer_id = $1 GROUP BY channel""";

    private final ConsentPolicy consents;
    private final ConsentStore answers;
    private final Pool pool;

    public Appetences(ConsentPolicy consents, ConsentStore answers, Pool pool) {
        this.consents = consents;
        this.answers = answers;
        this.pool = pool;
    }

    /** The rates for {@code channels}, most responsive first, and the best of them the person consented to (null: none). */
    public record Appetence(List<ChannelAppetence.Rate> rates, String best) {
    }

    public Uni<Appetence> of(String customerId, List<String> channels) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(customerId)).chain(rows -> {
            Map<String, long[]> counts = new HashMap<>();
            for (Row row : rows) {
                counts.put(row.getString("channel"), new long[] {row.getLong("shown"), row.getLong("responded")});
            }
            return answers.list(customerId).map(given -> {
                Consents person = ConsentStore.consents(given);
                List<ChannelAppetence.Rate> rates = ChannelAppetence.rates(channels, counts);
                String best = rates.stream().map(ChannelAppetence.Rate::channel)
                        .filter(channel -> consents.offersRefused(person, channel) == null).findFirst().orElse(null);
                return new Appetence(rates, best);
            });
        });
    }
}
