package dev.pertinence.decision;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The moment of the decision.
 *
 * @param localTime      the caller's local time (hour of day, weekday, season come from it)
 * @param cart           SKUs in the cart, in order
 * @param currentProduct the SKU being viewed, or null
 * @param products       name and category of the cart items and current product, when known: sku -> [name, category]
 * @param latitude       null when no location was given
 * @param storeName      the name of the store the person is in, when the caller knows it (a store visit: the store
 *                       whose geofence holds them); what a message's {@code {store.name}} says, else its fallback
 */
public record SessionContext(String channel, String placement, ZonedDateTime localTime, List<String> cart,
                             String currentProduct, Map<String, ProductInfo> products, Double latitude,
                             Double longitude, String storeId, String device, String storeName) {

    /** A moment whose store, if any, is known by its id only. */
    public SessionContext(String channel, String placement, ZonedDateTime localTime, List<String> cart, String currentProduct,
                          Map<String, ProductInfo> products, Double latitude, Double longitude, String storeId, String device) {
        this(channel, placement, localTime, cart, currentProduct, products, latitude, longitude, storeId, device, null);
    }

    /** A moment with nothing in session (no cart, no product, no place): what an outbound contact or a call starts from. */
    public static SessionContext at(String channel, String placement, ZonedDateTime localTime) {
        return new SessionContext(channel, placement, localTime, List.of(), null, Map.of(), null, null, null, null);
    }

    /** The same moment on another channel. */
    public SessionContext onChannel(String otherChannel) {
        return new SessionContext(otherChannel, placement, localTime, cart, currentProduct, products, latitude, longitude,
                storeId, device, storeName);
    }

    /** The same moment with the session's products labelled (sku -> name and category). */
    public SessionContext withProducts(Map<String, ProductInfo> labelled) {
        return new SessionContext(channel, placement, localTime, cart, currentProduct, Map.copyOf(labelled), latitude,
                longitude, storeId, device, storeName);
    }

    /** The SKUs in session: the cart's, then the product being viewed. */
    public List<String> sessionSkus() {
        if (currentProduct == null || cart.contains(currentProduct)) {
            return cart;
        }
        List<String> skus = new java.util.ArrayList<>(cart.size() + 1);
        skus.addAll(cart);
        skus.add(currentProduct);
        return skus;
    }

    /** A product's name and category, either possibly null. */
    public record ProductInfo(String name, String category) {
    }

    public String categoryOf(String sku) {
        ProductInfo info = products.get(sku);
        return info == null ? null : info.category();
    }

    public String nameOf(String sku) {
        ProductInfo info = products.get(sku);
        return info == null || info.name() == null ? sku : info.name();
    }
}
