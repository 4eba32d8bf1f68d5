-- No planner statistics for the decision's JSON columns (docs/benchmarks.md, "The stalls that remain").
--
-- The decision table takes a row per decision; at 1,000 decisions a second autovacuum analyses it every minute.
-- ANALYZE read a sample of rows with their offers (jsonb) and their whole answer (json) to build statistics no
-- query uses: these columns are only returned or unnested, never filtered or joined on. Measured on 108,300
-- decisions (124 MB): ANALYZE 409-446 ms of CPU with them, 141-153 ms without, every minute on the database's
-- cores. The columns keep their data; only their statistics target is 0.
ALTER TABLE decision ALTER COLUMN offers SET STATISTICS 0, ALTER COLUMN answer SET STATISTICS 0;
