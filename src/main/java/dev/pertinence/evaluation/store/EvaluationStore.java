package dev.pertinence.evaluation.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.common.jobs.JobTable;
import dev.pertinence.evaluation.Evaluation;
import dev.pertinence.evaluation.EvaluationResult;
import dev.pertinence.evaluation.EvaluationSettings;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;

/** Evaluation jobs in PostgreSQL ({@code evaluation}, migration V20), kept as every job table is ({@link JobTable}). */
@Singleton
public class EvaluationStore extends JobTable<EvaluationSettings, EvaluationResult, Evaluation> {

    public EvaluationStore(Pool pool, ObjectMapper json) {
        super(pool, json, "evaluation", Evaluation.Status.class, EvaluationSettings.class, EvaluationResult.class, Evaluation::new);
    }

    @Override
    protected int count(EvaluationResult result) {
        return (int) result.cases();
    }

    /** The mode has a column of its own. */
    @Override
    protected Map<String, Object> columns(EvaluationSettings settings) {
        return Map.of("mode", settings.mode().name().toLowerCase(Locale.ROOT));
    }
}
