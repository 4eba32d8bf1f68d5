-- The least reliable profile field an offer's message may use (else the field's neutral fallback).
ALTER TABLE offer ADD COLUMN message_reliability text NOT NULL DEFAULT 'declared'
    CHECK (message_reliability IN ('verified', 'declared', 'inferred'));
