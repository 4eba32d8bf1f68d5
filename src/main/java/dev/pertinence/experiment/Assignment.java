package dev.pertinence.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which arm of an experiment a person (or an anonymous visitor) is in. Sticky and deterministic:
 * the first 64 bits of SHA-256(experiment id, NUL, unit) decide, so every replica, every restart
 * and every channel puts the same person in the same arm, and two experiments split people
 * independently. That hash is anyone's to compute from an email or an id, so it is never stored:
 * decisions record the unit's keyed pseudonym ({@link Pseudonyms}), and results count people
 * without keeping who they are.
 *
 * @param unit who is assigned ({@code customer:<id or reference>}, {@code visitor:<id>}); kept in
 *             memory only, to derive the pseudonym the decision is recorded under
 */
public record Assignment(String experimentId, Experiment.Arm arm, String unit) {

    /** Shares are drawn in basis points: 10,000 buckets. */
    public static final int BUCKETS = 10_000;

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    /** The bucket's hash; also what decisions recorded before the pseudonym key carry (erasure looks for both). */
    static long hash(String experimentId, String unit) {
        MessageDigest digest = SHA_256.get();
        digest.update(experimentId.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        byte[] sum = digest.digest(unit.getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = hash << 8 | (sum[i] & 0xFF);
        }
        return hash;
    }

    static int bucket(long hash) {
        return (int) Long.remainderUnsigned(hash, BUCKETS);
    }
}
