package dev.pertinence.contact.store;

/**
 * The Redis key of one person's contact state: one sorted set, {@code pertinence:{c:<id>}:contacts}.
 * The {@code {c:<id>}} hash tag keeps every key about the person in one slot, so the scripts
 * that read and reserve atomically also run on Redis Cluster.
 *
 * <p>Member {@code <decisionId>|<offerId>|<channel>|<status>}, score the time in ms: when the
 * decision reserved the offer, then when it was shown, then (for a refusal) when it was refused.
 * Status: {@code r} reserved, {@code s} shown, {@code +} answered (click, accept, convert),
 * {@code -} dismissed, {@code x} refused. One member per offer of a decision, so one range read
 * gives everything the contact policy needs. Ids match {@code ApiPatterns.ID}: no '|', no braces.
 * Members older than the policy's look-back are pruned as the person is touched, and the key
 * expires after it, so an inactive person costs nothing.
 */
public final class ContactKeys {

    private ContactKeys() {
    }

    public static String contacts(String customerId) {
        return "pertinence:{c:" + customerId + "}:contacts";
    }
}
