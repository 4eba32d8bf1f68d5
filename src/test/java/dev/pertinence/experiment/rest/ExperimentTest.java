package dev.pertinence.experiment.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.consent.Consenting;
import dev.pertinence.copurchase.ModelBuilds;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.Pseudonyms;
import dev.pertinence.experiment.store.ExperimentStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Experiments end to end on real PostgreSQL and Redis: decisions through the API, outcomes through
 * the API, results read back. Every test has its own placement (xp-*), so no other test's decision
 * falls into its experiment. Offer values are huge so that other tests' offers never outrank these.
 */
@QuarkusTest
class ExperimentTest {

    private static final List<String> NEEDS = List.of("tea", "bike", "toys");

    @Inject
    Pool pool;

    @Inject
    ExperimentStore store;

    @Inject
    Pseudonyms pseudonyms;

    /**
     * Synthetic people, each with a need (an item in their cart): shown the offer for what goes with
     * it, they accept 35 % of the time and then convert 60 % of the time; shown anything else, 8 %
     * and 60 %. Baskets say what goes with each item, so the personalised arm finds the offer by
     * co-purchase affinity; the control orders by value alone and shows the generic offer, worth
     * more. Half the people are known customers in segments gold and silver, half anonymous
     * visitors; each comes twice, on the web and in the app.
     */
    @Test
    void personalisationTrulyConvertingBetterShowsASignificantUpliftPerArmAndSegment() {
        String run = run();
        String placement = "xp-" + run;
        offers(run, placement);
        baskets(run);
        String id = controlAgainstPersonalised(List.of("web", "app"), placement);

        SplittableRandom behaviour = new SplittableRandom(20261124);
        Map<String, String> armOf = new HashMap<>();
        int[] shownWhatTheyNeed = new int[2];
        int people = 240;
        for (int person = 0; person < people; person++) {
            boolean known = person % 2 == 0;
            String who = "xp-" + run + "-p" + person;
            if (known) {
                given().contentType(ContentType.JSON).body(Map.of("segments", List.of(person % 4 == 0 ? "gold" : "silver")))
                        .put("/v1/customers/" + who).then().statusCode(201);
                Consenting.grant(who, "in_app");
            }
            String need = NEEDS.get(person % NEEDS.size());
            for (int visit = 0; visit < 2; visit++) {
                Map<String, Object> request = new HashMap<>(Map.of("channel", visit == 0 ? "web" : "app", "placement", placement,
                        "limit", 1, "context", Map.of("cart", List.of(sku(run, need)))));
                request.put(known ? "customerId" : "visitorId", who);
                JsonPath decision = given().contentType(ContentType.JSON).body(request).post("/v1/decisions")
                        .then().statusCode(200).extract().jsonPath();
                String arm = decision.getString("experiment.arm");
                assertEquals(id, decision.getString("experiment.experimentId"));
                String before = armOf.putIfAbsent(who, arm);
                assertTrue(before == null || before.equals(arm), who + " changed arm across channels");
                String shown = decision.getString("offers[0].offerId");
                assertTrue(shown != null, decision.prettify());
                answer(behaviour, decision.getString("decisionId"), shown, shown.equals(run + "-" + need), who + "-" + visit);
                if (visit == 0 && shown.equals(run + "-" + need)) {
                    shownWhatTheyNeed[arm.equals("control") ? 0 : 1]++;
                }
            }
        }

        JsonPath results = given().get("/v1/experiments/" + id + "/results").then().statusCode(200).extract().jsonPath();
        assertEquals("control", results.getString("baseline"));
        System.out.printf("Simulation: first visits shown what goes with their cart: control %d, personalised %d%n",
                shownWhatTheyNeed[0], shownWhatTheyNeed[1]);
        // on a second visit novelty may rightly pass over an offer the person ignored on the first
        assertEquals(0, shownWhatTheyNeed[0], "the control ignores the cart");
        assertEquals(results.getLong("overall[1].people"), shownWhatTheyNeed[1], "personalisation finds the complement");
        System.out.printf("Simulation: conversion control %s, personalised %s, uplift %s; value uplift %s; SRM p %s%n",
                results.getMap("overall[0].conversion"), results.getMap("overall[1].conversion"),
                results.getMap("overall[1].conversionUplift"), results.getMap("overall[1].valueUplift"),
                results.getString("sampleRatio.pValue"));
        Map<String, Object> personalised = results.getMap("overall[1]");
        assertEquals("personalised", personalised.get("arm"));
        Map<String, Object> uplift = results.getMap("overall[1].conversionUplift");
        assertTrue((Boolean) uplift.get("significant") && ((Number) uplift.get("low")).doubleValue() > 0, results.prettify());
        assertTrue(results.getBoolean("overall[1].acceptanceUplift.significant"), results.prettify());
        assertTrue(results.getBoolean("overall[1].valueUplift.significant"), results.prettify());
        assertTrue(results.getDouble("overall[1].valuePerPerson.mean") > results.getDouble("overall[0].valuePerPerson.mean"));
        long total = results.getLong("overall[0].people") + results.getLong("overall[1].people");
        assertEquals(people, total);
        assertEquals(2 * people, results.getLong("overall[0].decisions") + results.getLong("overall[1].decisions"));
        assertFalse(results.getBoolean("sampleRatio.mismatch"), results.prettify());

        assertEquals(List.of("anonymous", "gold", "silver"), results.getList("segments.segment"));
        for (int arm = 0; arm < 2; arm++) {
            for (String figure : List.of("people", "decisions", "impressions", "acceptances", "conversions", "acceptance.people",
                    "conversion.people")) {
                long sum = 0;
                for (int segment = 0; segment < 3; segment++) {
                    sum += results.getLong("segments[" + segment + "].arms[" + arm + "]." + figure);
                }
                assertEquals(results.getLong("overall[" + arm + "]." + figure), sum, figure + " of arm " + arm + " per segment");
            }
            double value = 0;
            for (int segment = 0; segment < 3; segment++) {
                value += results.getDouble("segments[" + segment + "].arms[" + arm + "].value");
            }
            assertEquals(results.getDouble("overall[" + arm + "].value"), value, 1e-6);
        }

        String svg = given().get("/v1/experiments/" + id + "/results/chart?metric=conversion").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("personalised"), svg);

        assignmentIsStableAcrossRestarts(id, armOf);
    }

    /**
     * What a restarted replica knows is what PostgreSQL holds: the experiment as stored, loaded
     * afresh, puts every person in the arm their decisions were recorded with.
     */
    private void assignmentIsStableAcrossRestarts(String id, Map<String, String> armOf) {
        Experiment reloaded = store.get(id).await().atMost(Duration.ofSeconds(10));
        armOf.forEach((who, arm) -> assertEquals(arm, reloaded.assign(unit(who)).arm().name(), who));
        Map<String, String> recorded = new HashMap<>();
        pool.preparedQuery("SELECT DISTINCT experiment_unit, arm FROM decision WHERE experiment_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10))
                .forEach(row -> assertNull(recorded.put(String.valueOf(row.getLong("experiment_unit")), row.getString("arm")),
                        "one arm per person"));
        assertEquals(armOf.size(), recorded.size());
        armOf.forEach((who, arm) -> assertEquals(arm, recorded.get(String.valueOf(pseudonyms.of(id, unit(who))))));
    }

    /** The simulation's even people are customers, the odd ones visitors: their unit in the experiment. */
    private static String unit(String who) {
        boolean known = Integer.parseInt(who.substring(who.lastIndexOf('p') + 1)) % 2 == 0;
        return (known ? "customer:" : "visitor:") + who;
    }

    @Test
    void anExploringArmMarksWhatItExplored() {
        String run = run();
        String placement = "xp-" + run;
        offers(run, placement);
        String id = create(Map.of("name", "Exploration", "channels", List.of("web"), "placements", List.of(placement),
                "arms", List.of(Map.of("name", "control", "share", 50, "strategy", "control"),
                        Map.of("name", "explore", "share", 50, "strategy", "personalised", "exploration", 1))))
                .getString("id");
        JsonPath decision = null;
        for (int visitor = 0; decision == null || !"explore".equals(decision.getString("experiment.arm")); visitor++) {
            assertTrue(visitor < 40, "40 visitors and none in an arm of half the people");
            decision = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", placement,
                    "visitorId", "xp-visitor-" + run + "-" + visitor, "limit", 2)).post("/v1/decisions")
                    .then().statusCode(200).extract().jsonPath();
            if ("control".equals(decision.getString("experiment.arm"))) {
                assertFalse(decision.getBoolean("experiment.explored"));
                assertFalse(decision.getBoolean("offers[0].explored"));
            }
        }
        assertTrue(decision.getBoolean("experiment.explored"));
        assertTrue(decision.getBoolean("offers[0].explored"));
        assertTrue(decision.getString("offers[0].reasons[0]").startsWith("Exploring: acceptance drawn at "), decision.prettify());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("pertinence_decisions_explored_total{arm=\"explore\"}"), metrics);
        given().get("/v1/experiments/" + id).then().statusCode(200).body("status", equalTo("running"))
                .body("arms[1].exploration", equalTo(1.0f)).body("baseline", equalTo("control"));
    }

    @Test
    void outsideAnExperimentAndWithoutAVisitorIdADecisionIsInNone() {
        String run = run();
        String placement = "xp-" + run;
        offers(run, placement);
        JsonPath outside = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", placement))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertNull(outside.get("experiment"));
        controlAgainstPersonalised(List.of("web"), placement);
        JsonPath anonymous = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", placement))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertNull(anonymous.get("experiment"), "nothing keeps an anonymous visitor without an id in one arm");
    }

    @Test
    void stoppingEndsTheExperimentAndFreesItsPlacement() {
        String placement = "xp-" + run();
        Map<String, Object> body = Map.of("name", "Short", "channels", List.of("email"), "placements", List.of(placement),
                "arms", List.of(Map.of("name", "control", "share", 33.33, "strategy", "control"),
                        Map.of("name", "b", "share", 66.67, "strategy", "no_copurchase",
                                "levers", Map.of("some-offer", 2.5))));
        String id = create(body).getString("id");
        given().contentType(ContentType.JSON).body(body).post("/v1/experiments").then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("channels"));
        given().post("/v1/experiments/" + id + "/stop").then().statusCode(200).body("status", equalTo("ended"))
                .body("endsAt", notNullValue());
        given().post("/v1/experiments/" + id + "/stop").then().statusCode(200).body("status", equalTo("ended"));
        create(body); // the placement is free again
        JsonPath results = given().get("/v1/experiments/" + id + "/results").then().statusCode(200).extract().jsonPath();
        assertEquals(0, results.getLong("overall[0].people"));
        assertNull(results.get("overall[1].conversionUplift"), "nothing to compare yet");
        assertEquals(33.33, results.getDouble("overall[0].sharePercent"), 1e-9);
        assertTrue(given().get("/v1/experiments").then().statusCode(200).extract().jsonPath().getList("id").contains(id));
    }

    @Test

    @InvalidRequests
    void badExperimentsAreProblemsNamingTheField() {
        String placement = "xp-" + run();
        Map<String, Object> control = Map.of("name", "control", "share", 50, "strategy", "control");
        refused(Map.of("name", "x", "channels", List.of("web"), "placements", List.of(placement),
                "arms", List.of(control, Map.of("name", "b", "share", 40, "strategy", "personalised"))), 400, "arms");
        refused(Map.of("name", "x", "channels", List.of("web"), "placements", List.of(placement),
                "arms", List.of(control, Map.of("name", "control", "share", 50, "strategy", "personalised"))), 400, "arms[1].name");
        refused(Map.of("name", "x", "channels", List.of("web"), "placements", List.of(placement),
                "arms", List.of(Map.of("name", "control", "share", 50, "strategy", "control", "exploration", 0.1),
                        Map.of("name", "b", "share", 50, "strategy", "personalised"))), 400, "arms[0].exploration");
        refused(Map.of("name", "x", "channels", List.of("web"), "placements", List.of(placement),
                "arms", List.of(control, Map.of("name", "b", "share", 50, "strategy", "clairvoyant"))), 400, null);
        refused(Map.of("name", "x", "channels", List.of("web"), "placements", List.of(placement),
                "arms", List.of(control, Map.of("name", "b", "share", 49.995, "strategy", "personalised"))), 400, "arms[1].share");
        refused(Map.of("name", "x", "channels", List.of("web"), "arms", List.of(control)), 400, "arms");
        refused(Map.of("name", "x", "channels", List.of(), "arms", List.of(control, control)), 400, "channels");
        refused(Map.of("name", "x", "channels", List.of("web"), "placements", List.of(placement),
                "startsAt", "2030-01-02T00:00:00Z", "endsAt", "2030-01-01T00:00:00Z",
                "arms", List.of(control, Map.of("name", "b", "share", 50, "strategy", "personalised"))), 400, "endsAt");
        refused(Map.of("name", "x", "channels", List.of("web"), "placements", List.of(placement),
                "arms", List.of(control, Map.of("name", "b", "share", 50, "strategy", "personalised", "exploration", 2))),
                400, "arms[1].exploration");
        given().get("/v1/experiments/no-such-experiment").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/experiments/no-such-experiment/results").then().statusCode(404);
        given().get("/v1/experiments/no-such-experiment/results/chart?metric=revenue").then().statusCode(400)
                .body("field", equalTo("metric"));
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/v1/experiments").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void erasingAPersonReplacesTheirPseudonymAndLeavesTheResultsAsTheyWere() {
        String run = run();
        String placement = "xp-" + run;
        offers(run, placement);
        String id = controlAgainstPersonalised(List.of("web"), placement);
        String who = "xp-" + run + "-erased";
        given().contentType(ContentType.JSON).body(Map.of("segments", List.of("gold"))).put("/v1/customers/" + who).then().statusCode(201);
        for (int visit = 0; visit < 2; visit++) {
            given().contentType(ContentType.JSON).body(Map.of("customerId", who, "channel", "web", "placement", placement))
                    .post("/v1/decisions").then().statusCode(200).body("experiment.experimentId", equalTo(id));
        }
        long pseudonym = pseudonyms.of(id, "customer:" + who);
        Await.until("both decisions recorded", Duration.ofSeconds(10), () -> given().get("/v1/experiments/" + id + "/results")
                .then().extract().jsonPath().getList("overall.decisions", Long.class).stream().mapToLong(Long::longValue).sum() == 2);
        String before = given().get("/v1/experiments/" + id + "/results").then().statusCode(200).extract().jsonPath()
                .getString("overall");
        given().delete("/v1/customers/" + who).then().statusCode(200).body("erased.experimentPseudonymsReplaced", equalTo(2));
        List<Long> units = new ArrayList<>();
        pool.preparedQuery("SELECT experiment_unit FROM decision WHERE experiment_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10)).forEach(row -> units.add(row.getLong("experiment_unit")));
        assertEquals(2, units.size());
        assertEquals(units.get(0), units.get(1), "still one person");
        assertNotEquals(pseudonym, units.get(0));
        assertEquals(before, given().get("/v1/experiments/" + id + "/results").then().statusCode(200).extract().jsonPath()
                .getString("overall"));
    }

    private static void refused(Map<String, Object> body, int status, String field) {
        var then = given().contentType(ContentType.JSON).body(body).post("/v1/experiments").then().statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status)).body("detail", notNullValue());
        if (field != null) {
            then.body("field", equalTo(field));
        }
    }

    /** Half the people in a control group, half personalised: the experiment's id. */
    private static String controlAgainstPersonalised(List<String> channels, String placement) {
        return create(Map.of("name", "Personalised vs control", "channels", channels, "placements", List.of(placement),
                "arms", List.of(Map.of("name", "control", "share", 50, "strategy", "control"),
                        Map.of("name", "personalised", "share", 50, "strategy", "personalised")))).getString("id");
    }

    private static JsonPath create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/experiments").then().statusCode(201)
                .body("status", equalTo("running")).extract().jsonPath();
    }

    private static String run() {
        return Long.toString(System.nanoTime(), 36);
    }

    private static String sku(String run, String need) {
        return "xp-" + run + "-" + need + "-sku";
    }

    private static String complement(String run, String need) {
        return "xp-" + run + "-" + need + "-extra";
    }

    /** Ten baskets per need holding its item and what goes with it; then a model built on them. */
    private static void baskets(String run) {
        StringBuilder products = new StringBuilder("sku,name,category,price\n");
        StringBuilder baskets = new StringBuilder("order_id,customer_id,sku,quantity,price,timestamp\n");
        String day = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (String need : NEEDS) {
            products.append(sku(run, need)).append(',').append(need).append(",xp-").append(need).append(",5\n");
            products.append(complement(run, need)).append(',').append(need).append(" extra,xp-").append(need).append("-extra,5\n");
            for (int basket = 0; basket < 10; basket++) {
                String order = "xp-" + run + "-" + need + "-o" + basket;
                baskets.append(order).append(",,").append(sku(run, need)).append(",1,5,").append(day).append('\n');
                baskets.append(order).append(",,").append(complement(run, need)).append(",1,5,").append(day).append('\n');
            }
        }
        given().contentType("text/csv").body(products.toString()).post("/v1/products/import").then().statusCode(200);
        given().contentType("text/csv").body(baskets.toString()).post("/v1/purchases/import").then().statusCode(200);
        ModelBuilds.buildAndWait();
    }

    /** One offer per need, for what goes with its cart item, and two generic offers worth more. */
    private static void offers(String run, String placement) {
        for (String need : NEEDS) {
            offer(run + "-" + need, "xp-" + run + "-" + need, List.of(complement(run, need)), 1.0e8, placement);
        }
        offer(run + "-generic-1", "xp-" + run + "-generic-1", List.of("xp-" + run + "-g1"), 1.2e8, placement);
        offer(run + "-generic-2", "xp-" + run + "-generic-2", List.of("xp-" + run + "-g2"), 1.1e8, placement);
    }

    private static void offer(String id, String category, List<String> skus, double value, String placement) {
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + id, "message", "Try it", "category", category,
                        "targetSkus", skus, "channels", List.of("web", "app"), "placements", List.of(placement), "businessValue", value))
                .put("/v1/offers/" + id).then().statusCode(201);
    }

    /** The person's answer: an impression, then perhaps an acceptance, then perhaps a conversion worth 20. */
    private static void answer(SplittableRandom behaviour, String decisionId, String offerId, boolean whatTheyNeed, String event) {
        List<Map<String, Object>> outcomes = new ArrayList<>();
        outcomes.add(Map.of("decisionId", decisionId, "eventId", event + "-i", "offerId", offerId, "type", "impression"));
        if (behaviour.nextDouble() < (whatTheyNeed ? 0.35 : 0.08)) {
            outcomes.add(Map.of("decisionId", decisionId, "eventId", event + "-a", "offerId", offerId, "type", "accept"));
            if (behaviour.nextDouble() < 0.6) {
                outcomes.add(Map.of("decisionId", decisionId, "eventId", event + "-c", "offerId", offerId, "type", "convert",
                        "value", 20));
            }
        }
        given().contentType(ContentType.JSON).body(Map.of("outcomes", outcomes)).post("/v1/outcomes").then().statusCode(200);
    }
}
