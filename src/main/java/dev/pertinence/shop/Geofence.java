package dev.pertinence.shop;

import java.util.List;

/** Which store's geofence holds a point: great-circle distances on a spherical Earth (haversine). Pure. */
public final class Geofence {

    static final double EARTH_RADIUS_M = 6_371_000;

    /** A store's point and radius. */
    public record Fence(String storeId, String name, double latitude, double longitude, int radiusM) {
    }

    /** The nearest store and how far it is; {@code inside} when the point is within its radius. */
    public record Nearest(Fence fence, double distanceM, boolean inside) {
    }

    private Geofence() {
    }

    /** The fence holding the point (the nearest if several do), else the nearest fence; null without fences. */
    public static Nearest locate(List<Fence> fences, double latitude, double longitude) {
        Nearest best = null;
        for (Fence fence : fences) {
            double distance = distanceM(latitude, longitude, fence.latitude(), fence.longitude());
            boolean inside = distance <= fence.radiusM();
            if (best == null || (inside && !best.inside()) || (inside == best.inside() && distance < best.distanceM())) {
                best = new Nearest(fence, distance, inside);
            }
        }
        return best;
    }

    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
