package dev.pertinence.offer.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the offer catalogue has been loaded once: a replica without it would answer empty decisions. */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {

    private final OfferCatalog catalog;

    public CatalogReadiness(OfferCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("offer-catalogue")
                .status(catalog.loaded())
                .withData("offers", catalog.size())
                .build();
    }
}
