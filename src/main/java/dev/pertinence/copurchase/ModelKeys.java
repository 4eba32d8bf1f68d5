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

    private ModelKeys() {
    }

    public static String version(String version) {
        return "pertinence:{cp}:model:" + version;
    }

    public static String neighboursField(String sku) {
        return "n:" + sku;
    }
}
