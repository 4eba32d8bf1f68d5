package dev.pertinence.decide.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the decision path warms up ({@link DecisionWarmUp}): traffic arriving on a cold
 * JVM saw its budgets run out while the JIT compiled. Bounded by {@code pertinence.warm-up.timeout}.
 */
@Readiness
@ApplicationScoped
public class DecisionWarmUpReadiness implements HealthCheck {

    private final DecisionWarmUp warmUp;

    public DecisionWarmUpReadiness(DecisionWarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        DecisionWarmUp.Summary last = warmUp.last();
        var response = HealthCheckResponse.named("decision-warm-up").status(!warmUp.running());
        if (warmUp.running()) {
            return response.withData("state", "warming up").build();
        }
        return response.withData("state", last.timedOut() ? "stopped at the time limit" : "done")
                .withData("rehearsed", last.rehearsed())
                .withData("degraded", last.degraded())
                .withData("failed", last.failed())
                .withData("millis", last.millis())
                .build();
    }
}
