-- A cascade plan: reach a person on one channel, and if they do not answer in time, on the next.
CREATE TABLE cascade (
    id          uuid PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    placement   text NOT NULL,
    status      text NOT NULL CHECK (status IN ('running', 'answered', 'exhausted')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX cascade_customer ON cascade (customer_id);

CREATE TABLE cascade_step (
    cascade_id   uuid NOT NULL REFERENCES cascade (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    channel      text NOT NULL,
    wait_seconds bigint NOT NULL,
    until        text NOT NULL CHECK (until IN ('impression', 'response')),
    status       text NOT NULL CHECK (status IN ('waiting', 'sent', 'answered', 'expired', 'skipped')),
    decision_id  uuid,
    reason       text,
    sent_at      timestamptz,
    deadline     timestamptz,
    PRIMARY KEY (cascade_id, position)
);
CREATE INDEX cascade_step_due ON cascade_step (deadline) WHERE status = 'sent';
CREATE INDEX cascade_step_decision ON cascade_step (decision_id) WHERE decision_id IS NOT NULL;
