-- A person's newest lines straight from the index (sku, quantity and amount carried in it): an index-only
-- scan where the visibility map allows, instead of one heap page per line (decision_inputs, V21).
-- Built in the migration's transaction: on a large purchase table this holds purchase writes for the
-- build (CREATE INDEX CONCURRENTLY waits for ever here on the transaction Flyway keeps open for its own
-- lock). To deploy without that pause, build it beforehand by hand, outside any transaction:
--   CREATE INDEX CONCURRENTLY purchase_customer_newest ON purchase (customer_id, purchased_at DESC)
--       INCLUDE (sku, quantity, amount) WHERE customer_id IS NOT NULL;
-- and this migration then only drops the index it replaces.
CREATE INDEX IF NOT EXISTS purchase_customer_newest ON purchase (customer_id, purchased_at DESC)
    INCLUDE (sku, quantity, amount) WHERE customer_id IS NOT NULL;
DROP INDEX IF EXISTS purchase_customer_recent;
