package dev.pertinence.copurchase;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Redis layout of the co-purchase model. A version is one hash, so writing a new version never
 * touches the one being read, switching is one SET of the pointer, and expiring the old version
 * is one EXPIRE. The hash tag keeps pointer and versions in one Redis Cluster slot. Pure: the Spark
 * job writes the same layout with these names (docs/model-build.md).
 */
public final class ModelKeys {

    public static final String ACTIVE = "pertinence:{cp}:active";
    public static final String BUILD_LOCK = "pertinence:{cp}:build-lock";
    public static final String CHANGED_CHANNEL = "pertinence:model-changed";
    public static final String POPULAR_SKUS = "pop";
    public static final String POPULAR_CATEGORIES = "cat";
    public static final String META = "meta";
    /** A version starts with its build time, UTC: 20261124T125504-56b35998. */
    public static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /** Deletes the build lock only while {@code ARGV[1]} still owns it (a build never frees another's lock). */
    public static final String RELEASE_LOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0""";

    /**
     * Renews a live build's lock ({@code KEYS[1]}) for {@code ARGV[2]} ms while {@code ARGV[1]} still owns it, and
     * with it the expiry of the version it is writing ({@code KEYS[2]}) while that version has one (not yet switched
     * to: the switch removes it, and a version pointed at must never expire again). 1 when renewed, 0 when the lock
     * is gone or another's: a build whose owner stopped renewing loses both within the lock's time.
     */
    public static final String RENEW_LOCK = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            if redis.call('PTTL', KEYS[2]) > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
            return 1""";

    /**
     * The switch, one script on the model's slot, refused (an error starting with {@value #REFUSED}, nothing
     * touched) unless the build lock ({@code KEYS[1]}) is still {@code ARGV[1]}'s, the new version ({@code KEYS[3]},
     * named {@code ARGV[2]}) has its {@value #META} field (written last) and, where the meta names its {@code fields}
     * count, that many fields (none lost since: evicted, expired) and the pointer ({@code KEYS[2]})
     * still names {@code ARGV[3]} (empty: none), read just before (its hash is {@code KEYS[4]}, declared so every key
     * the script touches is named). Then: the new version's expiry removed, the pointer set, the previous version
     * left to expire after {@code ARGV[4]} seconds, the switch announced on {@code ARGV[5]}. Returns the previous
     * version, or nil. A pointer that already names {@code ARGV[2]} means this switch already ran (a client that lost
     * its reply and sent it again, as JedisCluster does after a read timeout): success, returning {@code ARGV[3]},
     * with no second EXPIRE or announcement; a version's name carries its build's id, so no other build sets it.
     */
    public static final String SWITCH = """
            local previous = redis.call('GET', KEYS[2])
            if previous == ARGV[2] then
              redis.call('PERSIST', KEYS[3])
              if ARGV[3] == '' or ARGV[3] == ARGV[2] then return false end
              return ARGV[3]
            end
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return redis.error_reply('REFUSED the build lock is no longer held by this build (it expired or another took it)')
            end
            local meta = redis.call('HGET', KEYS[3], 'meta')
            if not meta then
              return redis.error_reply('REFUSED version ' .. ARGV[2] .. ' has no meta field: it was not written whole')
            end
            local whole = tonumber(string.match(meta, '"fields":(%d+)'))
            if whole and redis.call('HLEN', KEYS[3]) ~= whole then
              return redis.error_reply('REFUSED version ' .. ARGV[2] .. ' has ' .. redis.call('HLEN', KEYS[3]) .. ' fields of '
                .. whole .. ': part of it was lost')
            end
            if (previous or '') ~= ARGV[3] then
              return redis.error_reply('REFUSED the active pointer moved during the switch')
            end
            redis.call('PERSIST', KEYS[3])
            redis.call('SET', KEYS[2], ARGV[2])
            if previous then redis.call('EXPIRE', KEYS[4], ARGV[4]) end
            redis.call('PUBLISH', ARGV[5], ARGV[2])
            return previous""";

    /**
     * Deletes a version ({@code KEYS[2]}, named {@code ARGV[1]}) of a failed build unless the pointer ({@code KEYS[1]})
     * names it: a switch whose reply was lost may have happened, and the version replicas serve is never deleted. 1
     * when deleted, 0 when it was not there, -1 when refused.
     */
    public static final String DISCARD = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return -1 end
            return redis.call('DEL', KEYS[2])""";

    /**
     * A writer's expiry of its unswitched version ({@code KEYS[2]}, named {@code ARGV[1]}) for {@code ARGV[2]} ms, skipped
     * once the pointer ({@code KEYS[1]}) names it: a late writer (a Spark task still running after its stage was done)
     * never makes the live model expire.
     */
    public static final String EXPIRE_UNSWITCHED = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return 0 end
            return redis.call('PEXPIRE', KEYS[2], ARGV[2])""";

    /** How a refusal of {@link #SWITCH} starts (Redis' error code): the switch did not happen. */
    public static final String REFUSED = "REFUSED";

    private ModelKeys() {
    }

    public static String version(String version) {
        return "pertinence:{cp}:model:" + version;
    }

    /** The fields of a whole version: one per item with neighbours, plus {@value #POPULAR_SKUS}, {@value #POPULAR_CATEGORIES}, {@value #META}. */
    public static long wholeFields(long itemsWithNeighbours) {
        return itemsWithNeighbours + 3;
    }

    public static String neighboursField(String sku) {
        return "n:" + sku;
    }
}
