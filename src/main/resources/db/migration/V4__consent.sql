-- What each person agreed to, per purpose ('offers' per channel; 'profiling' for every channel,
-- channel '*'), with where and when it was said. The newest answer wins, whatever the order of arrival.
CREATE TABLE consent (
    customer_id text NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    purpose     text NOT NULL CHECK (purpose IN ('offers', 'profiling')),
    channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'push', 'in_app', 'postal', '*')),
    granted     boolean NOT NULL,
    source      text NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (customer_id, purpose, channel),
    CHECK ((purpose = 'profiling') = (channel = '*'))
);
