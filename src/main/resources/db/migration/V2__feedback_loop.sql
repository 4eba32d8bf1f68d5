-- An offer's own frequency cap per person (NULL: the contact policy's default).
ALTER TABLE offer ADD COLUMN frequency_cap_count integer CHECK (frequency_cap_count > 0),
                  ADD COLUMN frequency_cap_period_seconds bigint CHECK (frequency_cap_period_seconds > 0);

-- The segment a decision was made for (the customer's first segment, 'none' or 'anonymous'):
-- outcomes are attributed to it, so figures per segment add up to the whole.
ALTER TABLE decision ADD COLUMN segment text NOT NULL DEFAULT 'anonymous';

-- What happened to an offer of a decision. The client's event id makes a retry harmless.
-- applied: the Redis counters (pressure, live learning) have taken it into account; a sweep
-- re-applies what a crash or a Redis outage left unapplied.
CREATE TABLE outcome (
    event_id    text PRIMARY KEY,
    decision_id uuid NOT NULL REFERENCES decision (id),
    offer_id    text NOT NULL,
    type        text NOT NULL CHECK (type IN ('impression', 'click', 'accept', 'refuse', 'dismiss', 'convert')),
    channel     text NOT NULL, -- where the person answered
    shown_on    text NOT NULL, -- the decision's channel, where the offer was shown: figures are read per this one
    placement   text NOT NULL,
    customer_id text,
    segment     text NOT NULL,
    value       numeric(14, 2) CHECK (value >= 0),
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    applied     boolean NOT NULL DEFAULT false
);
CREATE INDEX outcome_offer ON outcome (offer_id, occurred_at);
CREATE INDEX outcome_decision ON outcome (decision_id);
CREATE INDEX outcome_unapplied ON outcome (received_at) WHERE NOT applied;
CREATE INDEX outcome_customer ON outcome (customer_id) WHERE customer_id IS NOT NULL;

-- Every offer shown to a known person: what, when, where, and how they answered (if they did).
CREATE TABLE exposure (
    id           bigserial PRIMARY KEY,
    customer_id  text NOT NULL,
    decision_id  uuid NOT NULL REFERENCES decision (id),
    offer_id     text NOT NULL,
    channel      text NOT NULL,
    placement    text NOT NULL,
    shown_at     timestamptz NOT NULL,
    response     text CHECK (response IN ('click', 'accept', 'refuse', 'dismiss', 'convert')),
    responded_at timestamptz,
    UNIQUE (decision_id, offer_id)
);
CREATE INDEX exposure_customer_recent ON exposure (customer_id, shown_at DESC, id DESC);
