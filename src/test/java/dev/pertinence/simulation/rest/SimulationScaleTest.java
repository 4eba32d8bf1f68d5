package dev.pertinence.simulation.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A simulation at its bound on this machine: 10,000 customers (20 purchase lines each, from 200
 * products in 10 categories, a co-purchase model built from them) decided on two placements against
 * 40 offers, the current strategy then a draft. On demand only (it leaves its customers behind for
 * the tests after it): {@code ./mvnw test -Dtest=SimulationScaleTest -Dsimulation.scale=true}. Figures
 * in docs/evaluation.md; the chart is written to target/simulation-scale.svg.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "simulation.scale", matches = "true")
class SimulationScaleTest {

    private static final String SEGMENT = "ss-seg";

    @Inject
    Pool pool;

    @Test
    void tenThousandPeopleOnTwoPlacements() throws Exception {
        long written = System.nanoTime();
        sql("""
                INSERT INTO product (sku, name, category) SELECT 'ss-' || i, 'Product ' || i, 'ss-cat' || (i % 10)
                FROM generate_series(0, 199) i ON CONFLICT DO NOTHING""");
        sql("""
                INSERT INTO customer (id, segments) SELECT 'ss-c' || c, ARRAY['ss-seg', CASE WHEN c % 3 = 0 THEN 'gold' ELSE 'silver' END]
                FROM generate_series(0, 9999) c ON CONFLICT DO NOTHING""");
        sql("""
                INSERT INTO consent (customer_id, purpose, channel, granted, source, recorded_at)
                SELECT 'ss-c' || c, p.purpose, p.channel, c % 10 <> 0, 'scale-test', now()
                FROM generate_series(0, 9999) c, (VALUES ('profiling', '*'), ('offers', 'in_app')) p(purpose, channel)
                ON CONFLICT DO NOTHING""");
        sql("""
                INSERT INTO purchase (order_id, customer_id, sku, quantity, purchased_at)
                SELECT 'ss-' || c || '-' || o, 'ss-c' || c, 'ss-' || ((c % 20) * 10 + (c * 7 + o * 13 + j * 31) % 10),
                       1, now() - make_interval(days => o * 9 + 1, mins => c % 600)
                FROM generate_series(0, 9999) c, generate_series(0, 4) o, generate_series(0, 3) j
                ON CONFLICT DO NOTHING""");
        System.out.printf("Simulation scale: 10,000 customers and 200,000 lines written in %d s%n",
                (System.nanoTime() - written) / 1_000_000_000);
        String build = given().post("/v1/models/co-purchase/builds").then().statusCode(202).extract().path("id");
        Await.until("model build", Duration.ofMinutes(5), () -> !List.of("queued", "running")
                .contains(given().get("/v1/models/co-purchase/builds/" + build).then().extract().path("status")));

        List<String> offers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "ss-offer-" + i;
            offers.add(id);
            Map<String, Object> offer = new HashMap<>(Map.of("id", id, "title", "Offer " + i, "message", "M", "category", "ss-cat" + (i % 10),
                    "channels", List.of("app"), "placements", List.of("ss-home", "ss-cart"), "businessValue", 1_000_000 + i,
                    "targetSkus", List.of("ss-" + (i * 5), "ss-" + (i * 5 + 1))));
            if (i % 4 == 0) {
                offer.put("rule", "'gold' in customer.segments");
            }
            if (i % 10 == 1) {
                offer.put("budget", Map.of("count", 5000, "of", "impressions", "period", "P7D"));
            }
            given().contentType(ContentType.JSON).body(offer).post("/v1/offers").then().statusCode(201);
        }
        List<Map<String, Object>> placements = List.of(Map.of("channel", "app", "placement", "ss-home"),
                Map.of("channel", "app", "placement", "ss-cart"));
        try {
            JsonPath current = run(Map.of("segment", SEGMENT, "placements", placements));
            assertEquals(10_000, current.getInt("result.people"));
            Files.writeString(Path.of("target/simulation-scale.svg"), given().get("/v1/simulations/" + current.getString("id")
                    + "/chart").then().statusCode(200).extract().asString());
            JsonPath drafted = run(Map.of("segment", SEGMENT, "placements", placements, "draft", Map.of(
                    "rules", Map.of("ss-offer-0", "'silver' in customer.segments"), "levers", Map.of("ss-offer-7", 50),
                    "withoutOffers", List.of("ss-offer-39"))));
            assertTrue(drafted.getInt("result.difference.changed") > 0, drafted.prettify());
        } finally {
            offers.forEach(id -> given().post("/v1/offers/" + id + "/pause").then().statusCode(200));
        }
    }

    private JsonPath run(Map<String, Object> ask) {
        long started = System.nanoTime();
        String id = given().contentType(ContentType.JSON).body(ask).post("/v1/simulations").then().statusCode(202)
                .extract().jsonPath().getString("id");
        JsonPath[] found = new JsonPath[1];
        Await.until("simulation " + id, Duration.ofMinutes(10), () -> {
            found[0] = given().get("/v1/simulations/" + id).then().statusCode(200).extract().jsonPath();
            return !List.of("queued", "running").contains(found[0].getString("status"));
        });
        assertEquals("done", found[0].getString("status"), found[0].prettify());
        JsonPath done = found[0];
        System.out.printf("Simulation scale: %s done in %d ms (service: %d ms): %d people; nothing %s; degraded %s; difference %s;"
                        + " budgets %s; first placement's top offers %s%n", ask.containsKey("draft") ? "draft" : "current",
                (System.nanoTime() - started) / 1_000_000, done.getLong("result.durationMs"), done.getInt("result.people"),
                done.getMap("result.nothing"), done.getMap("result.degraded"), done.getMap("result.difference"),
                done.getList("result.budgets"), done.getList("result.placements[0].offers").subList(0, 5));
        return done;
    }

    private void sql(String statement) {
        pool.withTransaction(connection -> connection.query(dev.pertinence.common.store.StatementTimeouts.BULK).execute()
                .chain(() -> connection.query(statement).execute())).await().atMost(Duration.ofMinutes(5));
    }
}
