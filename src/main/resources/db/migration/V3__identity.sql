-- Identifiers pointing at a customer, keyed by their normalised reference ('email:jane@example.com',
-- 'phone:+33612345678', ...): one identifier belongs to at most one customer. A customer id merged
-- away is kept here too (type 'merged', reference = the old id), so that it keeps resolving.
CREATE TABLE customer_identifier (
    reference   text PRIMARY KEY,
    type        text NOT NULL CHECK (type IN ('email', 'phone', 'loyalty', 'device', 'cookie', 'crm', 'merged')),
    customer_id text NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    source      text NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_identifier_customer ON customer_identifier (customer_id);

-- Every merge, for audit: who was folded into whom, when, why, and what moved.
CREATE TABLE customer_merge (
    id          uuid PRIMARY KEY,
    survivor_id text NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    merged_id   text NOT NULL,
    reason      text,
    moved       jsonb NOT NULL,
    merged_at   timestamptz NOT NULL
);
CREATE INDEX customer_merge_survivor ON customer_merge (survivor_id);
