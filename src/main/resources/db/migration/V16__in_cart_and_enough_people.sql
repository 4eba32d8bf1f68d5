-- Not what the person already has: by default an offer whose every target SKU is in the cart is
-- not proposed; propose_when_in_cart opts in (a discount on the cart's own item). An offer may also
-- leave out people who bought every target SKU within exclude_bought_within_seconds.
ALTER TABLE offer ADD COLUMN propose_when_in_cart boolean NOT NULL DEFAULT false;
ALTER TABLE offer ADD COLUMN exclude_bought_within_seconds bigint CHECK (exclude_bought_within_seconds > 0);

-- Experiments that say "not enough people yet": the smallest absolute difference in acceptance
-- rate worth detecting and the power to detect it (alpha 0.05, two-sided) set the people needed
-- per arm; without them, the configured floor does.
ALTER TABLE experiment ADD COLUMN minimum_detectable_effect double precision
    CHECK (minimum_detectable_effect > 0 AND minimum_detectable_effect < 1);
ALTER TABLE experiment ADD COLUMN power double precision CHECK (power > 0 AND power < 1);
