package dev.pertinence.purchase.store;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.purchase.PurchaseLine;
import dev.pertinence.product.store.ProductDirectory;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Stores purchase lines in one transaction, whatever their number: lines stream into a temporary
 * staging table in chunks; identifiers are resolved to customer ids (an unknown identifier refuses
 * the whole write); then one statement each creates the missing customers and products and
 * moves the lines into {@code purchase}. An exception while reading (a bad CSV line) rolls it all
 * back. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class PurchaseWriter {

    private static final int CHUNK = 5_000;

    private static final String STAGE = """
            CREATE TEMPORARY TABLE purchase_import (
                order_id text, customer_id text, sku text, quantity integer, amount numeric(14, 2),
                purchased_at timestamptz, channel text, store_id text, product_name text) ON COMMIT DROP""";
    private static final String STAGE_CHUNK = """
            INSERT INTO purchase_import
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]::numeric[],
                                 $6::timestamptz[], $7::text[], $8::text[], $9::text[])""";
    /** Identifiers and merged-away ids name their customer's id from here on. */
    private static final String RESOLVE_CUSTOMERS = """
            UPDATE purchase_import p SET customer_id = i.customer_id FROM customer_identifier i
            WHERE i.reference = p.customer_id""";
    private static final String UNKNOWN_IDENTIFIER = """
            SELECT customer_id FROM purchase_import
            WHERE customer_id ~ '^(email|phone|loyalty|device|cookie|crm):' LIMIT 1""";
    /** The customers the lines are for, identifiers resolved. */
    private static final String CUSTOMERS = "SELECT DISTINCT customer_id FROM purchase_import WHERE customer_id IS NOT NULL";
    private static final String NEW_CUSTOMERS = """
            INSERT INTO customer (id) SELECT DISTINCT customer_id FROM purchase_import
            WHERE customer_id IS NOT NULL ON CONFLICT (id) DO NOTHING""";
    private static final String NEW_PRODUCTS = """
            INSERT INTO product (sku, name) SELECT sku, max(product_name) FROM purchase_import GROUP BY sku
            ON CONFLICT (sku) DO NOTHING""";
    /**
     * An import renumbers its people's versions (V25) once, just before it commits, instead of at each of its
     * statements: the rows stay locked for that last statement only, not for the whole import (a consent withdrawn
     * meanwhile for one of them does not wait for a million lines), and after the customer rows the foreign keys
     * locked, as merges and erasures lock them (no deadlock with either).
     */
    private static final String DEFER_VERSIONS = "SELECT set_config('pertinence.versions_deferred', 'on', true)";
    /** The present owners of the order lines the import will replace: they lose lines, so they change too. */
    private static final String OWNERS = """
            CREATE TEMPORARY TABLE purchase_import_owner ON COMMIT DROP AS
            SELECT DISTINCT p.customer_id FROM purchase p JOIN purchase_import i ON p.order_id = i.order_id AND p.sku = i.sku
            WHERE p.customer_id IS NOT NULL""";
    private static final String RENUMBER = """
            SELECT renumber_customers(ARRAY(SELECT customer_id FROM purchase_import WHERE customer_id IS NOT NULL
                                            UNION SELECT customer_id FROM purchase_import_owner))""";
    private static final String LINES_WITHOUT_ORDER = """
            INSERT INTO purchase (order_id, customer_id, sku, quantity, amount, purchased_at, channel, store_id)
            SELECT order_id, customer_id, sku, quantity, amount, purchased_at, channel, store_id
            FROM purchase_import WHERE order_id IS NULL""";
    private static final String ORDER_LINES = """
            INSERT INTO purchase (order_id, customer_id, sku, quantity, amount, purchased_at, channel, store_id)
            SELECT order_id, max(customer_id), sku, sum(quantity), sum(amount), max(purchased_at), max(channel), max(store_id)
            FROM purchase_import WHERE order_id IS NOT NULL GROUP BY order_id, sku
            ON CONFLICT (order_id, sku) WHERE order_id IS NOT NULL DO UPDATE SET
                customer_id = EXCLUDED.customer_id, quantity = EXCLUDED.quantity, amount = EXCLUDED.amount,
                purchased_at = EXCLUDED.purchased_at, channel = EXCLUDED.channel, store_id = EXCLUDED.store_id""";
    /** A basket is an order; without an order id, one customer's purchases on one day (UTC); else the line alone. */
    private static final String BASKETS = """
            SELECT count(DISTINCT COALESCE('o:' || order_id,
                'c:' || customer_id || ':' || (purchased_at AT TIME ZONE 'UTC')::date,
                'l:' || ctid::text)) FROM purchase_import""";

    private final Pool pool;
    private final ProductDirectory directory;

    public PurchaseWriter(Pool pool, ProductDirectory directory) {
        this.pool = pool;
        this.directory = directory;
    }

    /**
     * What a write stored: lines received, rows stored, distinct baskets, customers and products it created; and
     * the ids of the customers the lines are for.
     */
    public record Written(long lines, long stored, long baskets, long newCustomers, long newProducts, long durationMs,
                          List<String> customers) {
    }

    public Written write(Iterator<PurchaseLine> lines) {
        long started = System.nanoTime();
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.execute(STAGE);
            long count = tx.stageInChunks(lines, CHUNK, PurchaseWriter::stage);
            long baskets = tx.execute(BASKETS).iterator().next().getLong(0);
            tx.execute(RESOLVE_CUSTOMERS);
            var unknown = tx.execute(UNKNOWN_IDENTIFIER);
            if (unknown.size() > 0) {
                throw ClientProblem.unprocessable("customerId", "no customer has the identifier "
                        + unknown.iterator().next().getString(0) + ": link it to a customer first (nothing was stored)");
            }
            List<String> customers = new ArrayList<>();
            tx.execute(CUSTOMERS).forEach(row -> customers.add(row.getString(0)));
            long newCustomers = tx.execute(NEW_CUSTOMERS).rowCount();
            long newProducts = tx.execute(NEW_PRODUCTS).rowCount();
            tx.execute(DEFER_VERSIONS);
            tx.execute(OWNERS);
            long stored = tx.execute(LINES_WITHOUT_ORDER).rowCount() + tx.execute(ORDER_LINES).rowCount();
            tx.execute(RENUMBER);
            tx.commit();
            if (newProducts > 0) {
                directory.changed().await().atMost(Duration.ofMinutes(1));
            }
            return new Written(count, stored, baskets, newCustomers, newProducts,
                    (System.nanoTime() - started) / 1_000_000, List.copyOf(customers));
        }
    }

    private static void stage(BlockingTransaction tx, List<PurchaseLine> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        int n = chunk.size();
        String[] orders = new String[n];
        String[] customers = new String[n];
        String[] skus = new String[n];
        Integer[] quantities = new Integer[n];
        String[] amounts = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] channels = new String[n];
        String[] stores = new String[n];
        String[] productNames = new String[n];
        for (int i = 0; i < n; i++) {
            PurchaseLine line = chunk.get(i);
            orders[i] = line.orderId();
            customers[i] = line.customerId();
            skus[i] = line.sku();
            quantities[i] = line.quantity();
            amounts[i] = line.amount() == null ? null : line.amount().toPlainString();
            times[i] = line.purchasedAt().atOffset(ZoneOffset.UTC);
            channels[i] = line.channel();
            stores[i] = line.storeId();
            productNames[i] = line.productName();
        }
        tx.execute(STAGE_CHUNK, Tuple.from(new Object[] {orders, customers, skus, quantities, amounts, times, channels, stores, productNames}));
        chunk.clear();
    }
}
