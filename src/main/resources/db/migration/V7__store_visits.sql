-- Stores and their geofence: a visitor within radius_m metres of the point is in the store.
CREATE TABLE store (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    latitude   double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude  double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    radius_m   integer NOT NULL CHECK (radius_m BETWEEN 10 AND 5000),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One coupon per in-store offer proposed on entering a store: unique, single use.
CREATE TABLE coupon (
    code        text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    store_id    text NOT NULL REFERENCES store (id),
    offer_id    text NOT NULL,
    decision_id uuid NOT NULL,
    rank        integer NOT NULL,
    issued_at   timestamptz NOT NULL,
    redeemed_at timestamptz
);
CREATE INDEX coupon_visit ON coupon (customer_id, store_id, issued_at DESC);
