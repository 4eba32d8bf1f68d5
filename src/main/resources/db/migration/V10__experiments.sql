-- Experiments: arms (name, share in basis points, strategy) never change once created, so a
-- person's arm never does; stopping one sets ends_at.
CREATE TABLE experiment (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    channels    text[] NOT NULL,
    placements  text[] NOT NULL DEFAULT '{}', -- empty: every placement of its channels
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz,                  -- NULL: until stopped
    arms        jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    stopped_at  timestamptz
);

-- The experiment and arm a decision was made under, the person's pseudonym in the experiment
-- (the assignment hash, never their id: results count people without knowing them), and whether
-- its offers were ranked by exploration.
ALTER TABLE decision ADD COLUMN experiment_id text,
                     ADD COLUMN arm text,
                     ADD COLUMN experiment_unit bigint,
                     ADD COLUMN explored boolean NOT NULL DEFAULT false;
CREATE INDEX decision_experiment ON decision (experiment_id, arm) WHERE experiment_id IS NOT NULL;
