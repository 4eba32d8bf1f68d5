-- An erasure looks up the decisions recorded under each pseudonym a person may have had in each
-- experiment (their id's, their identifiers', keyed or not): by experiment and unit, not by
-- reading every decision of the experiment. It replaces the index on (experiment_id, arm), whose
-- one reader (an experiment's results) filters by experiment only: still one index to maintain.
CREATE INDEX decision_experiment_unit ON decision (experiment_id, experiment_unit) WHERE experiment_id IS NOT NULL;
DROP INDEX decision_experiment;
