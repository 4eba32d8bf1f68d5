package dev.pertinence.privacy.rest;

import static dev.pertinence.privacy.AuditorSearch.everyColumnHolding;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The right to erasure on real PostgreSQL and Redis. Customers er-*, offer er-offer, placement er-slot. */
@QuarkusTest
class ErasureTest {

    /**
     * Everything that names the person: their ids, identifiers and a profile field (also in the
     * message their decisions showed them), and where their phone was and which it was (the
     * decisions' context, kept for the audit).
     */
    private static final List<String> TRACES = List.of("er-p1", "er-p2", "er.person@example.com", "+33612349901", "ER00P1",
            "Erasmus", "43.6111127", "3.8766628", "er-phone-Wq7");

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Test
    void anErasedPersonLeavesNoRowAndNoKeyAndTheAggregatesStay() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Erasure offer", "message", "Bonjour {customer.firstName}",
                        "category", "er-cat",
                        "channels", List.of("web", "email"), "placements", List.of("er-slot"), "businessValue", 3))
                .put("/v1/offers/er-offer").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Erasmus", "segments", List.of("er-seg")))
                .put("/v1/customers/er-p1").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Customers.customer("er-p2");
        Customers.link("er-p1", "email", "er.person@example.com").then().statusCode(201);
        Customers.link("er-p1", "phone", "06 12 34 99 01").then().statusCode(201);
        Customers.link("er-p2", "loyalty", "ER00P1").then().statusCode(201);
        Consenting.grant("er-p1", "email");
        given().contentType(ContentType.JSON).body(Map.of("type", "moving_house", "date", "2026-12-01"))
                .post("/v1/customers/er-p1/life-events").then().statusCode(201);
        Customers.purchase("er-p1", "er-sku").then().statusCode(201);
        Customers.purchase("loyalty:ER00P1", "er-sku").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("from", "er-p2")).post("/v1/customers/er-p1/merge").then().statusCode(200);

        List<String> decisions = new ArrayList<>();
        for (String channel : List.of("web", "email")) {
            JsonPath decision = given().contentType(ContentType.JSON)
                    .body(Map.of("customerId", "er-p1", "channel", channel, "placement", "er-slot", "context",
                            Map.of("location", Map.of("lat", 43.6111127, "lon", 3.8766628), "device", "er-phone-Wq7")))
                    .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
            assertTrue(decision.getList("offers.offerId").contains("er-offer"), decision.prettify()); // other tests' offers too
            String id = decision.getString("decisionId");
            decisions.add(id);
            given().get("/v1/decisions/" + id).then().statusCode(200).body("customerId", equalTo("er-p1"))
                    .body("offers.find { it.offerId == 'er-offer' }.message", equalTo("Bonjour Erasmus"))
                    .body("context.device", equalTo("er-phone-Wq7"));
            outcome(id, "er-ev-" + channel + "-1", "impression");
            outcome(id, "er-ev-" + channel + "-2", "accept");
        }
        String performance = given().get("/v1/offers/er-offer/performance").then().statusCode(200).extract().asString();
        assertTrue(performance.contains("\"impressions\":2"), performance);
        assertTrue(!traces().isEmpty() && !keys().isEmpty(), "the person is everywhere before");
        assertTrue(traces().containsAll(List.of("decision.answer holds Erasmus", "decision.answer holds 43.6111127",
                "decision.answer holds 3.8766628", "decision.answer holds er-phone-Wq7")), "in their decisions' answers too: " + traces());

        given().delete("/v1/customers/email:er.person@example.com").then().statusCode(200)
                .body("erased.profile", equalTo(1)).body("erased.exposures", equalTo(2))
                .body("erased.outcomesUnlinked", equalTo(4)).body("erased.decisionsUnlinked", equalTo(2))
                .body("erased.purchases", equalTo(2)).body("erased.identifiers", equalTo(4)) // 3 + the merged-away id
                .body("erased.consents", equalTo(2)).body("erased.lifeEvents", equalTo(1)).body("erased.mergeRecords", equalTo(1));

        assertEquals(List.of(), traces(), "no row in any table names the person, nor says where they were");
        for (String id : decisions) { // kept for attribution, without the person and what was answered to them
            given().get("/v1/decisions/" + id).then().statusCode(200).body("kept", equalTo("attribution"))
                    .body("customerId", equalTo(null)).body("context", equalTo(null))
                    .body("offers.find { it.offerId == 'er-offer' }.message", equalTo(null))
                    .body("offers.offerId", org.hamcrest.Matchers.hasItem("er-offer"));
        }
        assertEquals(List.of(), keys(), "no Redis key names the person");
        assertEquals(performance, given().get("/v1/offers/er-offer/performance").then().statusCode(200).extract().asString(),
                "offer performance is unchanged");
        given().get("/v1/customers/er-p1").then().statusCode(404);
        given().get("/v1/customers/loyalty:ER00P1").then().statusCode(404);
        given().delete("/v1/customers/er-p1").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("id"));
    }

    /**
     * A decision asked by an email nobody is known by yet is recorded without a customer, under the
     * email's pseudonym in the experiment; once the email is linked to a person and the person erased,
     * neither that pseudonym nor the one of their id may remain, in either form: keyed (what is stored
     * now) or the unkeyed hash (what was stored before, and what anyone can compute from the email).
     */
    @Test
    void erasureLeavesNoPseudonymComputableFromTheEmailOrTheId() throws Exception {
        String email = "er.unlinked@example.com";
        String person = "er-x1";
        String cookie = "er-cookie-7Fq2";
        given().contentType(ContentType.JSON).body(Map.of("title", "Erasure experiment offer", "message", "m", "category",
                        "er-xp-cat", "channels", List.of("web"), "placements", List.of("er-xp-slot"), "businessValue", 3))
                .put("/v1/offers/er-xp-offer").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        String experiment = given().contentType(ContentType.JSON).body(Map.of("name", "Erasure", "channels", List.of("web"),
                        "placements", List.of("er-xp-slot"), "arms", List.of(
                                Map.of("name", "control", "share", 50, "strategy", "control"),
                                Map.of("name", "personalised", "share", 50, "strategy", "personalised"))))
                .post("/v1/experiments").then().statusCode(201).extract().jsonPath().getString("id");
        Customers.customer(person);
        for (String who : List.of("email:" + email, "Email:ER.Unlinked@Example.com", person)) {
            given().contentType(ContentType.JSON).body(Map.of("customerId", who, "channel", "web", "placement", "er-xp-slot"))
                    .post("/v1/decisions").then().statusCode(200).body("experiment.experimentId", equalTo(experiment));
        }
        // and as an anonymous visitor, by the cookie later linked to them
        given().contentType(ContentType.JSON).body(Map.of("visitorId", cookie, "channel", "web", "placement", "er-xp-slot"))
                .post("/v1/decisions").then().statusCode(200).body("experiment.experimentId", equalTo(experiment));
        Customers.link(person, "email", email).then().statusCode(201);
        Customers.link(person, "cookie", cookie).then().statusCode(201);

        List<String> units = List.of("customer:email:" + email, "customer:" + person, "visitor:" + cookie);
        String key = ConfigProvider.getConfig().getValue("pertinence.privacy.pseudonym-key", String.class);
        Map<String, String> pseudonyms = new java.util.LinkedHashMap<>();
        for (String unit : units) {
            pseudonyms.put(unit + " (keyed)", Long.toString(keyed(key, experiment, unit)));
            pseudonyms.put(unit + " (unkeyed)", Long.toString(unkeyed(experiment, unit)));
        }
        dev.pertinence.common.Await.until("the four decisions recorded", java.time.Duration.ofSeconds(10),
                () -> count("SELECT count(*) FROM decision WHERE experiment_id = $1", experiment) == 4);
        assertEquals(2, count("SELECT count(*) FROM decision WHERE experiment_id = $1 AND experiment_unit = "
                + pseudonyms.get("customer:email:" + email + " (keyed)") + " AND customer_id IS NULL", experiment),
                "an unknown email's decisions are stored under its keyed pseudonym, both spellings the same");
        assertEquals(1, count("SELECT count(*) FROM decision WHERE experiment_id = $1 AND experiment_unit = "
                + pseudonyms.get("customer:" + person + " (keyed)"), experiment));
        assertEquals(0, count("SELECT count(*) FROM decision WHERE experiment_unit IN ("
                + pseudonyms.get("customer:email:" + email + " (unkeyed)") + ", "
                + pseudonyms.get("customer:" + person + " (unkeyed)") + ") AND experiment_id = $1", experiment),
                "what is stored cannot be computed from the email or the id without the key");
        // a row recorded before the key was introduced (the unkeyed hash) is found by the erasure too
        pool.preparedQuery("UPDATE decision SET experiment_unit = $2 WHERE experiment_id = $1 AND customer_id IS NULL AND id = "
                        + "(SELECT min(id::text)::uuid FROM decision WHERE experiment_id = $1 AND customer_id IS NULL)")
                .execute(Tuple.of(experiment, unkeyed(experiment, "customer:email:" + email))).await().indefinitely();
        String before = results(experiment);
        List<String> traces = new ArrayList<>(List.of(email, person, cookie));
        traces.addAll(pseudonyms.values());
        List<String> found = everyColumnHolding(pool, traces);
        for (String expected : List.of("customer_identifier.reference holds " + email, "customer.id holds " + person,
                "decision.experiment_unit holds " + pseudonyms.get("customer:email:" + email + " (keyed)"),
                "decision.experiment_unit holds " + pseudonyms.get("customer:email:" + email + " (unkeyed)"),
                "decision.experiment_unit holds " + pseudonyms.get("customer:" + person + " (keyed)"),
                "decision.experiment_unit holds " + pseudonyms.get("visitor:" + cookie + " (keyed)"))) {
            assertTrue(found.contains(expected), "the search finds what is there before: " + expected + " in " + found);
        }
        assertTrue(!everyRedisKeyOrValueHolding(List.of(person)).isEmpty(), "and in Redis: their contact state");

        String personsDecision = pool.preparedQuery("SELECT id::text FROM decision WHERE experiment_id = $1 AND customer_id = $2")
                .execute(Tuple.of(experiment, person)).await().indefinitely().iterator().next().getString(0);

        given().delete("/v1/customers/" + person).then().statusCode(200).body("erased.experimentPseudonymsReplaced", equalTo(4));
        // another replica writes a decision it held in memory during the erasure: unlinked a moment later, and under
        // the same replacement as the person's other decisions (one person still)
        String late = UUID.randomUUID().toString();
        pool.preparedQuery("""
                        INSERT INTO decision SELECT * FROM jsonb_populate_record(NULL::decision, (SELECT to_jsonb(d)
                            || jsonb_build_object('id', $2::uuid, 'customer_id', $3::text, 'experiment_unit', $4::bigint)
                            FROM decision d WHERE id = $1::uuid))""")
                .execute(Tuple.of(personsDecision, late, person, keyed(key, experiment, "customer:" + person))).await().indefinitely();
        dev.pertinence.common.Await.until("the late decision unlinked", java.time.Duration.ofSeconds(10),
                () -> count("SELECT count(*) FROM decision WHERE experiment_id = $1 AND customer_id IS NULL", experiment) == 5);
        assertEquals(1, count("SELECT count(DISTINCT experiment_unit) FROM decision WHERE id IN ('" + late + "', '" + personsDecision
                + "') AND experiment_id = $1", experiment), "the late decision has the same new pseudonym as the person's other one");

        assertEquals(List.of(), everyColumnHolding(pool, traces), "no column of any table holds the email, the id, the cookie or a pseudonym of them");
        assertEquals(List.of(), everyRedisKeyOrValueHolding(traces), "nor does Redis");
        assertEquals(4, count("SELECT count(DISTINCT experiment_unit) FROM decision WHERE experiment_id = $1", experiment),
                "each unit replaced by a random one of its own: the email's (keyed and unkeyed), the person's and the cookie's");
        pool.preparedQuery("DELETE FROM decision WHERE id = $1::uuid").execute(Tuple.of(late)).await().indefinitely();
        assertEquals(before, results(experiment), "results count them as before");
    }

    private long count(String sql, String experiment) {
        return pool.preparedQuery(sql).execute(Tuple.of(experiment)).await().indefinitely().iterator().next().getLong(0);
    }

    private static String results(String experiment) {
        return given().get("/v1/experiments/" + experiment + "/results").then().statusCode(200).extract().jsonPath()
                .getString("overall");
    }

    /** The first 64 bits of HMAC-SHA-256(key, experiment NUL unit), big-endian: computed here, independently of the service. */
    private static long keyed(String key, String experiment, String unit) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return ByteBuffer.wrap(mac.doFinal((experiment + "\0" + unit).getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /** The first 64 bits of SHA-256(experiment NUL unit): anyone's to compute. */
    private static long unkeyed(String experiment, String unit) throws Exception {
        return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                .digest((experiment + "\0" + unit).getBytes(StandardCharsets.UTF_8))).getLong();
    }
    /** Every key, and every value of every string, hash, set, sorted set and list, holding one of the traces. */
    private List<String> everyRedisKeyOrValueHolding(List<String> traces) {
        List<String> found = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(1000)).await().indefinitely();
            cursor = page.get(0).toString();
            for (Response name : page.get(1)) {
                String key = name.toString();
                String content = key + " " + valueOf(key);
                traces.stream().filter(content::contains).forEach(trace -> found.add(key + " holds " + trace));
            }
        } while (!cursor.equals("0"));
        return found;
    }

    private String valueOf(String key) {
        String type = redis.send(Request.cmd(Command.TYPE).arg(key)).await().indefinitely().toString();
        Request read = switch (type) {
            case "string" -> Request.cmd(Command.GET).arg(key);
            case "hash" -> Request.cmd(Command.HGETALL).arg(key);
            case "set" -> Request.cmd(Command.SMEMBERS).arg(key);
            case "zset" -> Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1).arg("WITHSCORES");
            case "list" -> Request.cmd(Command.LRANGE).arg(key).arg(0).arg(-1);
            case "stream" -> Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+");
            default -> null; // expired meanwhile ("none")
        };
        Response value = read == null ? null : redis.send(read).await().indefinitely();
        return value == null ? "" : value.toString();
    }

    private static void outcome(String decision, String event, String type) {
        given().contentType(ContentType.JSON).body(Map.of("eventId", event, "offerId", "er-offer", "type", type))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(201);
    }

    /** "table.column" for every text-like column of every table holding one of the traces. */
    private List<String> traces() {
        return everyColumnHolding(pool, TRACES);
    }

    private List<String> keys() {
        List<String> found = new ArrayList<>();
        for (String trace : TRACES) {
            String cursor = "0";
            do {
                Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("*" + trace + "*")
                        .arg("COUNT").arg(1000)).await().indefinitely();
                cursor = page.get(0).toString();
                page.get(1).forEach(key -> found.add(key.toString()));
            } while (!cursor.equals("0"));
        }
        return found;
    }
}
