-- The answer as it was given, for GET /v1/decisions/{id}: the context as sent, each offer's title,
-- message as shown, category, score factors, exploration and reasons, the notes and what the decision
-- went without (DecisionRecorder, AnswerJson: short keys). NULL when recorded before this column, past
-- pertinence.decisions.retention on a decision kept for attribution, or when its person was erased.
-- json, not jsonb: never queried inside, and its text is a quarter smaller than jsonb's binary form
-- (687 against 897 bytes for two offers with their reasons).
ALTER TABLE decision ADD COLUMN answer json;
-- The retention purge reads the oldest answers still kept, oldest first, without walking over the rows
-- it already kept for attribution (answer NULL); new rows land at the index's right edge.
CREATE INDEX decision_answer_age ON decision (decided_at) WHERE answer IS NOT NULL;
