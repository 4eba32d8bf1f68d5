-- What an agent says about an offer on the phone, written by marketing (bounded by the API: 5 points of 160 characters).
ALTER TABLE offer ADD COLUMN talking_points text[] NOT NULL DEFAULT '{}';

-- The message as the customer was shown it when the coupon was issued, so entering the store again within
-- the visit window greets them the same way (it may name them: it goes with the coupon on erasure).
ALTER TABLE coupon ADD COLUMN message text;
