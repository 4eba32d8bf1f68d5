package dev.pertinence.common.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key, as the cluster computes it (CRC16-XMODEM of the key, or of
 * its hash tag — the part between the first '{' and the next '}' when not empty — modulo 16,384).
 * For grouping the commands of a pipeline by slot: in cluster mode the Vert.x client refuses a
 * batch whose keys are in different slots (CROSSSLOT).
 */
public final class HashSlots {

    public static final int SLOTS = 16_384;

    private HashSlots() {
    }

    public static int of(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        int to = bytes.length;
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                from = open + 1;
                to = close;
            }
        }
        return crc16(bytes, from, to) % SLOTS;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** CRC16-XMODEM (polynomial 0x1021, initial value 0), bit by bit: a few bytes per key. */
    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xffff;
            }
        }
        return crc;
    }
}
