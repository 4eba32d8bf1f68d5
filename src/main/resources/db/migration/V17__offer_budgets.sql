-- A volume budget on an offer (docs/budgets.md): at most budget_count impressions, accepts or
-- coupons, until budget_until or per budget_period_seconds, spent as soon as possible or evenly.
-- budget_start: when its first window begins (the offer's validFrom, else when the budget was set).
-- Spending lives in Redis; it is counted again from outcome and coupon when Redis loses its data.
ALTER TABLE offer ADD COLUMN budget_count bigint CHECK (budget_count > 0),
                  ADD COLUMN budget_of text CHECK (budget_of IN ('impressions', 'accepts', 'coupons')),
                  ADD COLUMN budget_until timestamptz,
                  ADD COLUMN budget_period_seconds bigint CHECK (budget_period_seconds > 0),
                  ADD COLUMN budget_pacing text CHECK (budget_pacing IN ('asap', 'even')),
                  ADD COLUMN budget_start timestamptz,
                  ADD CONSTRAINT offer_budget_whole CHECK (
                      (budget_count IS NULL AND budget_of IS NULL AND budget_until IS NULL AND budget_period_seconds IS NULL
                       AND budget_pacing IS NULL AND budget_start IS NULL)
                      OR (budget_count IS NOT NULL AND budget_of IS NOT NULL AND budget_pacing IS NOT NULL AND budget_start IS NOT NULL
                          AND (budget_until IS NULL) <> (budget_period_seconds IS NULL)));

-- Rebuilding a budget's spending counts an offer's coupons of a window.
CREATE INDEX coupon_offer ON coupon (offer_id, issued_at);
