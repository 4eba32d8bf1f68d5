-- A version per person of everything a decision reads about them (DecisionInputsReader, docs/benchmarks.md run 31):
-- each replica keeps the last inputs it read for a person and asks PostgreSQL only whether they changed, in the same
-- single call, instead of reading the profile, up to 300 purchase lines, consents and life events again.
--
-- Kept by triggers, so no writer can forget it (API, imports, merges, erasure, SQL by hand): any change to a person's
-- row, purchases, consents or life events gives them a new number from one sequence (never reused, so a number a
-- replica holds can never come back to mean other data). A person without a row is never served from a copy: the row
-- is made with the person and removed with them (an erasure leaves no trace here). Changes are numbered in the writing
-- transaction: a decision sees the new number exactly when it could see the new data.
-- Fails rather than waits when a long write (a bulk import) holds one of these tables: the replica's start-up
-- fails and is retried, instead of blocking every writer behind the migration.
SET LOCAL lock_timeout = '10s';
CREATE SEQUENCE customer_version_seq;
CREATE TABLE customer_version (
    customer_id text PRIMARY KEY,
    version     bigint NOT NULL
);

-- The people a statement on purchase, consent or life_event touched, while they exist, get new numbers: their rows
-- upserted in id order (two writers touching the same people in different orders cannot deadlock on them; a person
-- missing a row, after a TRUNCATE or made while this migration ran, gets one). A transaction that renumbers its people
-- itself before committing (a bulk purchase import: PurchaseWriter) sets pertinence.versions_deferred and is skipped.
CREATE FUNCTION customer_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched text[];
BEGIN
    IF current_setting('pertinence.versions_deferred', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT customer_id) INTO touched FROM new_rows WHERE customer_id IS NOT NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT id) INTO touched FROM (
            SELECT customer_id AS id FROM new_rows UNION SELECT customer_id FROM old_rows) changed WHERE id IS NOT NULL;
    ELSE
        SELECT array_agg(DISTINCT customer_id) INTO touched FROM old_rows WHERE customer_id IS NOT NULL;
    END IF;
    IF touched IS NOT NULL THEN
        PERFORM renumber_customers(touched);
    END IF;
    RETURN NULL;
END $$;

-- New numbers for these people, those who still exist (an erased person keeps no row): upserted in id order.
CREATE FUNCTION renumber_customers(ids text[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO customer_version (customer_id, version)
    SELECT c.id, nextval('customer_version_seq') FROM (SELECT id FROM customer WHERE id = ANY (ids) ORDER BY id) c
    ON CONFLICT (customer_id) DO UPDATE SET version = excluded.version;
$$;

-- The person's own row: numbered with them, renumbered when it changes, removed with them.
CREATE FUNCTION customer_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM renumber_customers(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM renumber_customers(ARRAY(SELECT id FROM new_rows));
        DELETE FROM customer_version WHERE customer_id IN (SELECT id FROM old_rows EXCEPT SELECT id FROM new_rows);
    ELSE
        DELETE FROM customer_version WHERE customer_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;

-- Emptied by hand: nobody is served from a copy until their next change numbers them again.
CREATE FUNCTION customer_inputs_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM customer_version;
    RETURN NULL;
END $$;

-- On each table, one trigger per kind of statement (a trigger reading transition tables fires on one event only).
DO $$
DECLARE
    target text[];
BEGIN
    FOREACH target SLICE 1 IN ARRAY ARRAY[['customer', 'customer_row_changed'], ['purchase', 'customer_inputs_changed'],
                                          ['consent', 'customer_inputs_changed'], ['life_event', 'customer_inputs_changed']] LOOP
        EXECUTE format('CREATE TRIGGER customer_version_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()', target[1], target[2]);
        EXECUTE format('CREATE TRIGGER customer_version_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows '
            'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', target[1], target[2]);
        EXECUTE format('CREATE TRIGGER customer_version_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()', target[1], target[2]);
        EXECUTE format('CREATE TRIGGER customer_version_truncate AFTER TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION customer_inputs_truncated()', target[1]);
    END LOOP;
END $$;

-- Everyone already there, after the triggers exist (a person written meanwhile is numbered by them; the upsert keeps
-- whichever number comes last).
INSERT INTO customer_version (customer_id, version) SELECT id, nextval('customer_version_seq') FROM customer ORDER BY id
ON CONFLICT (customer_id) DO NOTHING;

-- decision_inputs (V21) with the person's number: when known_version is theirs, only id and version come back
-- (unchanged = true) and the replica uses its copy; otherwise everything, as decision_inputs gives it.
CREATE FUNCTION decision_inputs_since(reference text, known_version bigint, window_seconds bigint, max_lines integer)
RETURNS TABLE (id text, first_name text, last_name text, gender text, birth_date date, region text, postal_code text,
               segments text[], loyalty_tier text, loyalty_points integer, home_store text, provenance text,
               skus text[], times bigint[], quantities integer[], amounts float8[], consents text[], events text[],
               version bigint, unchanged boolean)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
    resolved text;
    current_version bigint;
BEGIN
    resolved := coalesce((SELECT i.customer_id FROM customer_identifier i WHERE i.reference = decision_inputs_since.reference),
                         decision_inputs_since.reference);
    SELECT v.version INTO current_version FROM customer_version v WHERE v.customer_id = resolved;
    IF current_version IS NOT NULL AND current_version = known_version THEN
        RETURN QUERY SELECT resolved, NULL::text, NULL::text, NULL::text, NULL::date, NULL::text, NULL::text, NULL::text[],
            NULL::text, NULL::integer, NULL::text, NULL::text, NULL::text[], NULL::bigint[], NULL::integer[], NULL::float8[],
            NULL::text[], NULL::text[], current_version, true;
        RETURN;
    END IF;
    RETURN QUERY
    SELECT d.id, d.first_name, d.last_name, d.gender, d.birth_date, d.region, d.postal_code, d.segments, d.loyalty_tier,
           d.loyalty_points, d.home_store, d.provenance, d.skus, d.times, d.quantities, d.amounts, d.consents, d.events,
           current_version, false
    FROM decision_inputs(decision_inputs_since.reference, window_seconds, max_lines) d;
END $$;
