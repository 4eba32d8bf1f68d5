-- Moments in a person's life. A recurring one (a birthday) comes back every year on its date.
CREATE TABLE life_event (
    id          bigserial PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    type        text NOT NULL CHECK (type IN ('birthday', 'child_birthday', 'wedding', 'birth', 'baptism', 'moving_house')),
    event_date  date NOT NULL,
    recurring   boolean NOT NULL,
    source      text NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX life_event_customer ON life_event (customer_id);

-- An offer for a moment: eligible from days_before days before such an event to days_after after it.
ALTER TABLE offer ADD COLUMN life_event_type text
    CHECK (life_event_type IN ('birthday', 'child_birthday', 'wedding', 'birth', 'baptism', 'moving_house'));
ALTER TABLE offer ADD COLUMN life_event_days_before integer CHECK (life_event_days_before BETWEEN 0 AND 366);
ALTER TABLE offer ADD COLUMN life_event_days_after integer CHECK (life_event_days_after BETWEEN 0 AND 366);
