package dev.pertinence.common;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made close in
 * time sort close together (kinder to a B-tree than random UUIDs), and an id tells when it was
 * made, which lets an outcome tell a decision not recorded yet from one that never existed.
 */
public final class TimeOrderedId {

    private TimeOrderedId() {
    }

    public static UUID at(Instant time) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (time.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /**
     * A random (version 4) id, for an answer that is never recorded (a dry run): {@link #timeOf}
     * reads no time in it, so whoever waits for recent decisions to be recorded knows at once that
     * this one never will be.
     */
    public static UUID untimed() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** When a version-7 id was made; empty for any other UUID. */
    public static Optional<Instant> timeOf(UUID id) {
        if (id.version() != 7 || id.variant() != 2) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16));
    }
}
