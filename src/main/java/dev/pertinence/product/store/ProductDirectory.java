package dev.pertinence.product.store;

import dev.pertinence.common.redis.ChangeAnnouncements;
import dev.pertinence.common.redis.Replicated;
import dev.pertinence.decision.SessionContext.ProductInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every product's name and category, held in memory on each replica so that a decision needs no
 * join to label purchases and cart items (about 150 bytes a product: 20,000 products ≈ 3 MB).
 * A change is announced on Redis pub/sub and every replica reloads; a periodic reload covers a
 * missed announcement; a newer load is never replaced by an older one.
 */
@ApplicationScoped
public class ProductDirectory {

    public static final String CHANGED_CHANNEL = "pertinence:products-changed";
    private static final Logger LOG = Logger.getLogger(ProductDirectory.class);

    private final Pool pool;
    private final Replicated<Map<String, ProductInfo>> products;

    public ProductDirectory(Pool pool, ChangeAnnouncements announcements, MeterRegistry meters) {
        this.pool = pool;
        this.products = new Replicated<>("product directory", CHANGED_CHANNEL, Map.of(), this::load, loaded -> { },
                announcements, meters, LOG);
    }

    void onStart(@Observes StartupEvent event) {
        products.start("decisions label products by SKU");
    }

    @Scheduled(every = "{pertinence.catalog.refresh-interval}", delayed = "{pertinence.catalog.refresh-interval}")
    Uni<Void> periodicReload() {
        return products.periodicReload();
    }

    /** Name and category of a SKU, or null when the product is unknown. */
    public ProductInfo get(String sku) {
        return products.get().get(sku);
    }

    /**
     * The load {@link #get} reads now, by SKU, to label many lines from one load (read only): a copy labelled from
     * another load is labelled again (DecisionInputsReader).
     */
    public Map<String, ProductInfo> labels() {
        return products.get();
    }

    /** After a committed change: reload here, then tell the other replicas. */
    public Uni<Void> changed() {
        return products.changed();
    }

    private Uni<Map<String, ProductInfo>> load() {
        return pool.query("SELECT sku, name, category FROM product").execute().map(rows -> {
            Map<String, ProductInfo> loaded = new HashMap<>(rows.size() * 2);
            rows.forEach(row -> loaded.put(row.getString(0), new ProductInfo(row.getString(1), row.getString(2))));
            return loaded;
        });
    }
}
