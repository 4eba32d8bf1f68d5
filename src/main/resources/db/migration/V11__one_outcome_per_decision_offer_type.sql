-- One impression (click, accept, refuse, dismiss, conversion) per decision and offer, whatever
-- event ids the caller sends for it: a second event id used to be stored and counted twice in
-- offer performance and the learned counters, while the cap and exposures counted it once.
-- Outcomes already stored twice keep the first received; Redis counters that counted them twice
-- are not corrected here (they are a live estimate; offer performance reads PostgreSQL).
DELETE FROM outcome later
USING outcome earlier
WHERE later.decision_id = earlier.decision_id AND later.offer_id = earlier.offer_id AND later.type = earlier.type
  AND (earlier.received_at, earlier.event_id) < (later.received_at, later.event_id);

CREATE UNIQUE INDEX outcome_once ON outcome (decision_id, offer_id, type);
-- its leading column serves every lookup by decision the old index served
DROP INDEX outcome_decision;
