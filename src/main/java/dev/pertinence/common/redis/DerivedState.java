package dev.pertinence.common.redis;

/**
 * State a feature keeps in Redis that PostgreSQL can give back (contact state from exposures,
 * learned counters from outcomes, the co-purchase model from purchases). Each such feature
 * implements this port, so a new one cannot be forgotten when Redis loses its data
 * ({@link RedisGeneration}).
 */
public interface DerivedState {

    /**
     * Told as soon as a replica sees the loss, before any rebuild (on every replica, on the event
     * loop: must not block): a copy held in memory that Redis no longer backs is dropped here.
     */
    default void lost() {
    }

    /** What it is, for the logs: "contact state". */
    String name();

    /**
     * Writes it back to Redis from PostgreSQL, merged with what was written since the loss;
     * returns how many entries it restored. Blocking: runs on a worker thread.
     */
    long rebuild();
}
