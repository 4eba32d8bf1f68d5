package dev.pertinence.budget.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.DerivedState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Gives Redis back the spending of the active offers' budgets after it lost its data: each
 * budget's current window counted again from PostgreSQL (impression and accept outcomes by their
 * decision's time, coupons by when they were issued), never lowering what was spent since the
 * loss. Reservations held at the loss are gone: decisions proposed no budgeted offer while
 * {@link dev.pertinence.common.redis.RedisGeneration#rebuilding()}.
 */
@ApplicationScoped
public class BudgetRebuild implements DerivedState {

    private final BudgetSpendings spendings;
    private final Duration budget;

    public BudgetRebuild(BudgetSpendings spendings, PertinenceConfig config) {
        this.spendings = spendings;
        this.budget = config.redis().backgroundTimeout();
    }

    @Override
    public String name() {
        return "offer budget spending";
    }

    @Override
    public long rebuild() {
        return spendings.rebuild(budget);
    }
}
