package dev.pertinence.product.service;

import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.product.Product;
import dev.pertinence.product.ProductDetails;
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

    public Uni<Upserted<Product>> upsert(String sku, ProductDetails details) {
        return store(sku, details).call(directory::changed);
    }

    @WithTransaction
    Uni<Upserted<Product>> store(String sku, ProductDetails details) {
        return ProductEntity.<ProductEntity>findById(sku)
                .chain(existing -> {
                    boolean created = existing == null;
                    ProductEntity entity = created ? new ProductEntity() : existing;
                    if (created) {
                        entity.sku = sku;
                        entity.createdAt = clock.instant();
                    }
                    entity.name = details.name().trim();
                    entity.category = details.category() == null || details.category().isBlank() ? null : details.category().trim();
                    entity.price = details.price();
                    entity.margin = details.margin();
                    entity.updatedAt = clock.instant();
                    return entity.<ProductEntity>persist().map(saved -> new Upserted<>(product(saved), created));
                });
    }

    @WithSession
    public Uni<Product> get(String sku) {
        return ProductEntity.<ProductEntity>findById(sku)
                .map(entity -> {
                    if (entity == null) {
                        throw ClientProblem.notFound("product", sku);
                    }
                    return product(entity);
                });
    }

    static Product product(ProductEntity entity) {
        return new Product(entity.sku, new ProductDetails(entity.name, entity.category, entity.price, entity.margin),
                entity.createdAt, entity.updatedAt);
    }
}
