package dev.pertinence.simulation.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.common.jobs.JobTable;
import dev.pertinence.simulation.Simulation;
import dev.pertinence.simulation.SimulationResult;
import dev.pertinence.simulation.SimulationSettings;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** Simulation jobs in PostgreSQL ({@code simulation}, migration V23), kept as every job table is ({@link JobTable}). */
@Singleton
public class SimulationStore extends JobTable<SimulationSettings, SimulationResult, Simulation> {

    public SimulationStore(Pool pool, ObjectMapper json) {
        super(pool, json, "simulation", Simulation.Status.class, SimulationSettings.class, SimulationResult.class, Simulation::new);
    }

    @Override
    protected int count(SimulationResult result) {
        return (int) result.people();
    }
}
