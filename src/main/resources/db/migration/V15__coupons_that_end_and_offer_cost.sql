-- Coupons end: at the offer's validUntil, or pertinence.store.coupon-lifetime after issue when
-- sooner. Coupons issued before this migration get the default lifetime (30 days), capped by
-- their offer's validUntil. A redemption may say what the customer spent (the conversion's value).
ALTER TABLE coupon ADD COLUMN expires_at timestamptz,
                   ADD COLUMN amount numeric(14, 2) CHECK (amount >= 0);
UPDATE coupon SET expires_at = LEAST(issued_at + interval '30 days',
                                     coalesce((SELECT valid_until FROM offer WHERE offer.id = coupon.offer_id), 'infinity'));
ALTER TABLE coupon ALTER COLUMN expires_at SET NOT NULL;

-- What an offer costs: per impression, per accept, per coupon redeemed (NULL: nothing). Offer
-- performance multiplies the counts of the period by the offer's current cost.
ALTER TABLE offer ADD COLUMN cost_per_impression numeric(14, 4) CHECK (cost_per_impression >= 0),
                  ADD COLUMN cost_per_accept numeric(14, 4) CHECK (cost_per_accept >= 0),
                  ADD COLUMN cost_per_redemption numeric(14, 4) CHECK (cost_per_redemption >= 0);

-- A conversion recorded by a coupon's redemption at a till (what cost_per_redemption prices).
ALTER TABLE outcome ADD COLUMN redemption boolean NOT NULL DEFAULT false;
