package dev.pertinence.copurchase.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The co-purchase model in the readiness report, never a reason to be unready: without one,
 * decisions are ranked without co-purchase affinity and say so (degraded, not down). A fresh
 * installation has none until its first build.
 */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private final ActiveModel model;

    public ModelReadiness(ActiveModel model) {
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        ActiveModel.Current current = model.current();
        var response = HealthCheckResponse.named("co-purchase-model").up()
                .withData("present", current.present())
                .withData("mode", current.present() ? "full" : "degraded: decisions without co-purchase affinity");
        if (current.present()) {
            response.withData("version", current.version());
            model.age().ifPresent(age -> response.withData("ageSeconds", age.toSeconds()));
        }
        return response.build();
    }
}
