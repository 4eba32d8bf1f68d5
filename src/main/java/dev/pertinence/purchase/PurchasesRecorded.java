package dev.pertinence.purchase;

import java.util.List;

/**
 * Purchases just stored (committed) for these customers (their ids, identifiers resolved; anonymous lines name
 * none). Fired before the write is answered, so what depends on a person's purchases (a decision kept for a
 * refreshed screen) is forgotten before the caller hears the purchase was stored.
 */
public record PurchasesRecorded(List<String> customerIds) {
}
