-- Customers: every profile field may be unknown (NULL); provenance says, per field, where it
-- came from and how far it can be trusted: {"firstName": {"source": "crm", "reliability": "verified"}}.
CREATE TABLE customer (
    id             text PRIMARY KEY,
    first_name     text,
    last_name      text,
    gender         text,
    birth_date     date,
    region         text,
    postal_code    text,
    segments       text[] NOT NULL DEFAULT '{}',
    loyalty_tier   text,
    loyalty_points integer,
    home_store     text,
    provenance     jsonb  NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product (
    sku        text PRIMARY KEY,
    name       text,
    category   text,
    price      numeric(14, 2),
    margin     numeric(14, 2),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_category ON product (category);

-- One row per purchased item. A line with an order id is unique per (order, sku): a retried
-- write replaces the line instead of counting it twice.
CREATE TABLE purchase (
    id           bigserial PRIMARY KEY,
    order_id     text,
    customer_id  text REFERENCES customer (id) ON DELETE CASCADE,
    sku          text NOT NULL REFERENCES product (sku),
    quantity     integer NOT NULL CHECK (quantity > 0),
    amount       numeric(14, 2),
    purchased_at timestamptz NOT NULL,
    channel      text,
    store_id     text
);
CREATE UNIQUE INDEX purchase_order_line ON purchase (order_id, sku) WHERE order_id IS NOT NULL;
CREATE INDEX purchase_customer_recent ON purchase (customer_id, purchased_at DESC) WHERE customer_id IS NOT NULL;

CREATE TABLE offer (
    id                text PRIMARY KEY,
    title             text NOT NULL,
    message           text NOT NULL,
    category          text,
    target_skus       text[] NOT NULL DEFAULT '{}',
    target_categories text[] NOT NULL DEFAULT '{}',
    channels          varchar(16)[] NOT NULL, -- varchar: Hibernate binds array_contains() arguments as varchar[]
    placements        text[] NOT NULL DEFAULT '{}',
    valid_from        timestamptz,
    valid_until       timestamptz,
    business_value    double precision NOT NULL,
    lever             double precision NOT NULL DEFAULT 1,
    rule              text,
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- What was proposed to whom, kept for attributing later outcomes.
CREATE TABLE decision (
    id            uuid PRIMARY KEY,
    customer_id   text,
    channel       text NOT NULL,
    placement     text NOT NULL,
    model_version text,
    offers        jsonb NOT NULL,
    decided_at    timestamptz NOT NULL
);
CREATE INDEX decision_customer ON decision (customer_id, decided_at DESC) WHERE customer_id IS NOT NULL;

CREATE TABLE model_build (
    id            uuid PRIMARY KEY,
    status        text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    trigger       text NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    duration_ms   bigint,
    model_version text,
    baskets       bigint,
    items         integer,
    pairs         bigint,
    neighbours    bigint,
    min_support   integer,
    top_k         integer,
    error         text
);
