-- An erasure unlinks a person's coupons instead of deleting them (customer_id and the message shown,
-- which may name them, set to NULL): a coupon spent its offer's budget when issued, and the budget's
-- spending is counted again from these rows when Redis loses its data (docs/budgets.md). An unlinked
-- coupon leads to no one and can no longer be redeemed.
ALTER TABLE coupon ALTER COLUMN customer_id DROP NOT NULL;
