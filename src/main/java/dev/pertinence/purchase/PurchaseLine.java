package dev.pertinence.purchase;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One purchased item, as stored. {@code orderId} and {@code customerId} may be null (anonymous
 * basket); {@code productName} names a product the line creates when its SKU is new (else null).
 */
public record PurchaseLine(String orderId, String customerId, String sku, int quantity, BigDecimal amount,
                           Instant purchasedAt, String channel, String storeId, String productName) {
}
