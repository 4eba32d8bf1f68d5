package dev.pertinence.shop.store;

import dev.pertinence.shop.Geofence;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores and their geofences. A visit reads the candidates near the point with a bounding box
 * (one degree of latitude is 111 km; the largest fence is 5 km), then {@link Geofence} decides.
 */
@ApplicationScoped
public class StoreDirectory {

    private static final String UPSERT = """
            INSERT INTO store (id, name, latitude, longitude, radius_m, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                radius_m = EXCLUDED.radius_m, updated_at = EXCLUDED.updated_at
            RETURNING (xmax = 0) AS created""";
    private static final String ONE = "SELECT id, name, latitude, longitude, radius_m FROM store WHERE id = $1";
    /**
     * Within about 50 km of the point: enough to name the nearest store when the visitor is in none. Longitudes are
     * compared around the circle (179.9999 and -179.9999 are 22 m apart on the equator), as wide as the band's most
     * poleward edge needs, and not at all within 50 km of a pole (every longitude meets there).
     */
    private static final String NEAR = """
            SELECT id, name, latitude, longitude, radius_m FROM store
            WHERE latitude BETWEEN $1 - 0.45 AND $1 + 0.45
              AND (abs($1) + 0.45 >= 90
                   OR abs((longitude - $2 + 540) - 360 * floor((longitude - $2 + 540) / 360) - 180)
                      <= 0.45 / greatest(cos(radians(abs($1) + 0.45)), 0.01))""";

    private final Pool pool;

    public StoreDirectory(Pool pool) {
        this.pool = pool;
    }

    /** True when the store was created (not replaced). */
    public Uni<Boolean> upsert(Geofence.Fence fence, Instant at) {
        return pool.preparedQuery(UPSERT).execute(Tuple.of(fence.storeId(), fence.name(), fence.latitude(), fence.longitude(),
                fence.radiusM(), at.atOffset(ZoneOffset.UTC))).map(rows -> rows.iterator().next().getBoolean("created"));
    }

    public Uni<Geofence.Fence> get(String id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : fence(rows.iterator().next()));
    }

    public Uni<List<Geofence.Fence>> near(double latitude, double longitude) {
        return pool.preparedQuery(NEAR).execute(Tuple.of(latitude, longitude)).map(rows -> {
            List<Geofence.Fence> fences = new ArrayList<>();
            rows.forEach(row -> fences.add(fence(row)));
            return fences;
        });
    }

    private static Geofence.Fence fence(Row row) {
        return new Geofence.Fence(row.getString("id"), row.getString("name"), row.getDouble("latitude"), row.getDouble("longitude"),
                row.getInteger("radius_m"));
    }
}
