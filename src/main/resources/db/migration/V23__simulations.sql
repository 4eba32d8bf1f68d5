-- Simulations before launch (docs/evaluation.md, "Simulation"): a job per row, as evaluations are
-- (settings as resolved, progress, a heartbeat saying the replica running it is alive, result).
-- No person is named: the result holds counts per offer, placement and reason only.
CREATE TABLE simulation (
    id             uuid PRIMARY KEY,
    status         text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    settings       jsonb NOT NULL,
    requested_at   timestamptz NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    heartbeat_at   timestamptz NOT NULL,
    progress_done  integer NOT NULL DEFAULT 0,
    progress_total integer,
    result         jsonb,
    error          text
);
-- One simulation at a time, across replicas: a second insert while one is queued or running fails.
CREATE UNIQUE INDEX simulation_one_at_a_time ON simulation ((true)) WHERE status IN ('queued', 'running');
CREATE INDEX simulation_requested ON simulation (requested_at DESC);
