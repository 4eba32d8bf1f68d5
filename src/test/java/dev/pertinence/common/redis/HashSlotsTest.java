package dev.pertinence.common.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reference values: the Redis Cluster specification, and CLUSTER KEYSLOT of a real Redis 7 cluster (bench/cluster.sh). */
class HashSlotsTest {

    @Test
    void crc16IsXmodem() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x31C3, HashSlots.crc16(check, 0, check.length), "the specification's check value");
    }

    @Test
    void slotsAreTheClusters() {
        assertEquals(12182, HashSlots.of("foo"));
        assertEquals(5061, HashSlots.of("bar"));
        assertEquals(HashSlots.of("user1000"), HashSlots.of("{user1000}.following"));
        assertEquals(HashSlots.of("{user1000}.following"), HashSlots.of("{user1000}.followers"));
        assertEquals(HashSlots.of("foo{}{bar}"), HashSlots.of("foo{}{bar}"), "an empty tag: the whole key");
        assertNotEquals(HashSlots.of("{}"), HashSlots.of("x{}"));
        assertEquals(HashSlots.of("{bar"), HashSlots.of("{bar"), "no closing brace: the whole key");
        assertEquals(HashSlots.of("o:x"), HashSlots.of("pertinence:{o:x}:responses"));
        assertEquals(HashSlots.of("pertinence:{o:x}:responses"), HashSlots.of("pertinence:{o:x}:event:e1"));
    }
}
