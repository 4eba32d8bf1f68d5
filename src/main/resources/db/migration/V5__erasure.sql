-- A receipt per erasure: when, and how many records went. Nothing that names the person.
CREATE TABLE erasure (
    id        uuid PRIMARY KEY,
    erased_at timestamptz NOT NULL,
    erased    jsonb NOT NULL
);
