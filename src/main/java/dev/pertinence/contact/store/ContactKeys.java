package dev.pertinence.contact.store;

/**
 * Redis keys of one person's contact state. The {@code {c:<id>}} hash tag puts all of them in one
 * slot, so the scripts that read and reserve them atomically also run on Redis Cluster.
 *
 * <ul>
 *   <li>{@code exposures}: sorted set, member {@code <decisionId>|<offerId>|<channel>}, score the
 *       time (ms) the offer was reserved by the decision, then shown</li>
 *   <li>{@code status}: hash, field {@code <decisionId>|<offerId>}, value {@code r} reserved,
 *       {@code s} shown, {@code +} answered (click, accept, convert), {@code -} declined (refuse, dismiss)</li>
 *   <li>{@code refusals}: sorted set, member {@code <eventId>|<offerId>|<category>}, score the time (ms)</li>
 * </ul>
 * Entries older than the policy's look-back are pruned as the person is touched, and the keys
 * expire after it, so an inactive person costs nothing. Ids match {@code ApiPatterns.ID}: no
 * '|' and no braces.
 */
public final class ContactKeys {

    private ContactKeys() {
    }

    public static String exposures(String customerId) {
        return "pertinence:{c:" + customerId + "}:exposures";
    }

    public static String status(String customerId) {
        return "pertinence:{c:" + customerId + "}:status";
    }

    public static String refusals(String customerId) {
        return "pertinence:{c:" + customerId + "}:refusals";
    }
}
