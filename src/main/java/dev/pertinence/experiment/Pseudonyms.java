package dev.pertinence.experiment;

import dev.pertinence.common.security.KeyCheck;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A person's pseudonym in an experiment, as decisions store it: the first 64 bits of
 * HMAC-SHA-256(key, experiment id, NUL, unit). Keyed with a deployment secret, so that whoever
 * reads the decision table (a backup, an analyst's extract) cannot recompute it from an email or a
 * customer id and find the person's decisions, even after the person is erased.
 *
 * <p>The arm is still drawn from the unkeyed hash ({@link Assignment}): that hash is never stored,
 * and keying it would move every person of every running experiment to another arm on the day of
 * the upgrade, and again whenever the key changes. What is recorded with a decision besides the
 * pseudonym is the arm, which half the people share.
 */
public final class Pseudonyms {

    /** Shorter keys are refused: HMAC-SHA-256 wants 256 bits of secret. */
    public static final int MIN_KEY_LENGTH = KeyCheck.MIN_PSEUDONYM_KEY_LENGTH;
    private static final String HMAC = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    public Pseudonyms(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the pseudonym key (pertinence.privacy.pseudonym-key) must have at least "
                    + MIN_KEY_LENGTH + " characters");
        }
        SecretKeySpec secret = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime has HMAC-SHA-256", e);
            }
        });
    }

    /** The pseudonym stored with the decisions of {@code unit} in the experiment. */
    public long of(String experimentId, String unit) {
        Mac mac = macs.get();
        mac.update(experimentId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return ByteBuffer.wrap(mac.doFinal(unit.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /**
     * Every pseudonym the unit's decisions may be stored under: the keyed one, and the unkeyed
     * assignment hash that decisions recorded before the key existed carry.
     */
    public long[] everyForm(String experimentId, String unit) {
        return new long[] {of(experimentId, unit), Assignment.hash(experimentId, unit)};
    }
}
