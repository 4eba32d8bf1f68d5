-- What PostgreSQL holds for a decision, in one call (DecisionInputsReader; docs/benchmarks.md, issue 17).
--
-- The statement was sent as a prepared statement; PostgreSQL plans such a statement for its first five
-- executions with the parameter's value (a custom plan), then keeps a generic plan only if it does not
-- look costlier than the custom ones so far. A replica started before the data was imported planned its
-- first five on empty tables, found those plans cheaper, and went on planning every decision afresh:
-- about 130 µs of PostgreSQL's CPU per decision, half its share (measured: 255 µs -> 162 µs with a
-- generic plan; the same after reconnecting once the data was in). Inside this function the plan is
-- generic from the first call, whatever the tables held when a connection first ran it.
CREATE FUNCTION decision_inputs(reference text, window_seconds bigint, max_lines integer)
RETURNS TABLE (id text, first_name text, last_name text, gender text, birth_date date, region text, postal_code text,
               segments text[], loyalty_tier text, loyalty_points integer, home_store text, provenance text,
               skus text[], times bigint[], quantities integer[], amounts float8[], consents text[], events text[])
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT c.id, c.first_name, c.last_name, c.gender, c.birth_date, c.region, c.postal_code, c.segments,
           c.loyalty_tier, c.loyalty_points, c.home_store, c.provenance::text, h.skus, h.times, h.quantities, h.amounts,
           ARRAY(SELECT s.purpose || ':' || s.channel || '=' || s.granted FROM consent s WHERE s.customer_id = c.id),
           ARRAY(SELECT e.type || ' ' || e.event_date || ' ' || e.recurring FROM life_event e WHERE e.customer_id = c.id)
    FROM customer c
    LEFT JOIN LATERAL (
        SELECT array_agg(r.sku) AS skus, array_agg((extract(epoch FROM r.purchased_at) * 1000)::bigint) AS times,
               array_agg(r.quantity) AS quantities, array_agg(r.amount::float8) AS amounts
        FROM (SELECT p.sku, p.purchased_at, p.quantity, p.amount FROM purchase p
              WHERE p.customer_id = c.id AND p.purchased_at >= now() - make_interval(secs => window_seconds)
              ORDER BY p.purchased_at DESC LIMIT max_lines) r) h ON true
    WHERE c.id = coalesce((SELECT i.customer_id FROM customer_identifier i WHERE i.reference = decision_inputs.reference),
                          decision_inputs.reference);
END $$;
