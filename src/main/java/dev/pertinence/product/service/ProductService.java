package dev.pertinence.product.service;

import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.product.rest.ProductRequest;
import dev.pertinence.product.rest.ProductView;
import dev.pertinence.product.store.ProductDirectory;
import dev.pertinence.product.store.ProductEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

@ApplicationScoped
public class ProductService {

    private final Clock clock;
    private final ProductDirectory directory;

    public ProductService(Clock clock, ProductDirectory directory) {
        this.clock = clock;
        this.directory = directory;
    }

    public Uni<Upserted<ProductView>> upsert(String sku, ProductRequest request) {
        return store(sku, request).call(directory::changed);
    }

    @WithTransaction
    Uni<Upserted<ProductView>> store(String sku, ProductRequest request) {
        return ProductEntity.<ProductEntity>findById(sku)
                .chain(existing -> {
                    boolean created = existing == null;
                    ProductEntity entity = created ? new ProductEntity() : existing;
                    if (created) {
                        entity.sku = sku;
                        entity.createdAt = clock.instant();
                    }
                    entity.name = request.name().trim();
                    entity.category = request.category() == null || request.category().isBlank() ? null : request.category().trim();
                    entity.price = request.price();
                    entity.margin = request.margin();
                    entity.updatedAt = clock.instant();
                    return entity.<ProductEntity>persist().map(saved -> new Upserted<>(toView(saved), created));
                });
    }

    @WithSession
    public Uni<ProductView> get(String sku) {
        return ProductEntity.<ProductEntity>findById(sku)
                .map(entity -> {
                    if (entity == null) {
                        throw ClientProblem.notFound("product", sku);
                    }
                    return toView(entity);
                });
    }

    static ProductView toView(ProductEntity entity) {
        return new ProductView(entity.sku, entity.name, entity.category, entity.price, entity.margin,
                entity.createdAt, entity.updatedAt);
    }
}
