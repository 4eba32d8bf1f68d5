package dev.pertinence.decide.store;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The answers kept for a refresh ({@link RecentAnswerStore}): Redis only, and short-lived. A merge drops the
 * merged person's (the survivor's next screen is decided afresh); an erasure deletes them (their messages
 * may name the person).
 */
@ApplicationScoped
public class RecentAnswerPersonData implements PersonData {

    private final RecentAnswerStore store;
    private final Duration budget;

    public RecentAnswerPersonData(RecentAnswerStore store, PertinenceConfig config) {
        this.store = store;
        this.budget = config.redis().commandTimeout();
    }

    @Override
    public String name() {
        return "recent answers";
    }

    @Override
    public Set<String> columns() {
        return Set.of();
    }

    @Override
    public Set<String> keys() {
        return Set.of(RecentAnswerStore.key("*"));
    }

    @Override
    public Uni<Map<String, Long>> fold(SqlConnection connection, String survivorId, String mergedId, Instant at) {
        return Uni.createFrom().item(Map.of());
    }

    @Override
    public Uni<Void> forgetKeys(String personId) {
        return store.forget(personId, budget);
    }

    @Override
    public Uni<Map<String, Long>> forget(SqlConnection connection, String personId, String salt) {
        return Uni.createFrom().item(Map.of());
    }
}
