-- Offline evaluations (docs/evaluation.md): a job per row, its settings as asked, its progress
-- (the heartbeat says the replica running it is alive), and its result. No person is named: the
-- result holds only counts and rates.
CREATE TABLE evaluation (
    id             uuid PRIMARY KEY,
    status         text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    mode           text NOT NULL,
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
-- One evaluation at a time, across replicas: a second insert while one is queued or running fails.
CREATE UNIQUE INDEX evaluation_one_at_a_time ON evaluation ((true)) WHERE status IN ('queued', 'running');
CREATE INDEX evaluation_requested ON evaluation (requested_at DESC);
