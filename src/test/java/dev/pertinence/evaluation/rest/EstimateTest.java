package dev.pertinence.evaluation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Tokens;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.common.security.Roles;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Propensities recorded with exploring decisions, and off-policy estimates from them, through the API on real
 * PostgreSQL and Redis. Each test decides on a placement of its own, so other tests' decisions never enter its
 * estimates.
 */
@io.quarkus.test.junit.QuarkusTest
class EstimateTest {

    @Inject
    Pool pool;

    /**
     * Three offers on a placement of their own, an experiment whose two arms both explore half of their decisions,
     * 60 visitors decided once each (one offer). Each offer shown carries its propensity in the audit; the middle one,
     * the only one ever accepted, is shown by exploration mostly. The current strategy replayed would show the most
     * valuable one (never accepted): its estimate is 0. A candidate that levers the accepted one up would show it to
     * everyone: every logged answer it can see is an acceptance, so its self-normalised estimate is 1, and the
     * inverse-propensity one is near 1. The logged strategy's own rate is the share of decisions that showed it.
     * None of it reserves, records, learns or counts anything.
     */
    @Test
    void exploringDecisionsRecordTheirPropensitiesAndACandidateIsEstimatedFromThem() {
        String run = Long.toString(System.nanoTime(), 36);
        String placement = "ope-" + run;
        Instant from = Instant.now().minusSeconds(1);
        offer(run + "-best", "ope-best-" + run, 1.0e8, placement);
        offer(run + "-liked", "ope-liked-" + run, 0.8e8, placement);
        offer(run + "-third", "ope-third-" + run, 0.6e8, placement);
        given().contentType(ContentType.JSON).body(Map.of("name", "Exploring " + run, "channels", List.of("web"),
                        "placements", List.of(placement), "arms", List.of(
                                Map.of("name", "a", "share", 50, "strategy", "personalised", "exploration", 0.5),
                                Map.of("name", "b", "share", 50, "strategy", "personalised", "exploration", 0.5))))
                .post("/v1/experiments").then().statusCode(201);

        int visitors = 60;
        int likedShown = 0;
        boolean someBelowOne = false;
        List<String> propensities = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        for (int visitor = 0; visitor < visitors; visitor++) {
            JsonPath decision = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", placement,
                    "visitorId", "ope-visitor-" + run + "-" + visitor, "limit", 1)).post("/v1/decisions")
                    .then().statusCode(200).extract().jsonPath();
            String id = decision.getString("decisionId");
            String offerId = decision.getString("offers[0].offerId");
            decisions.add(id);
            if (offerId.equals(run + "-liked")) {
                likedShown++;
                given().contentType(ContentType.JSON).body(Map.of("eventId", "ope-" + run + "-" + visitor, "offerId", offerId,
                        "type", "accept")).post("/v1/decisions/" + id + "/outcomes").then().statusCode(201);
            }
            JsonPath audit = given().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
            double propensity = audit.getDouble("offers[0].propensity");
            assertTrue(propensity > 0 && propensity <= 1, audit.prettify());
            someBelowOne |= propensity < 1;
            propensities.add(offerId.substring(run.length() + 1) + " " + propensity);
        }
        System.out.println("Shown, with their propensities, in order: " + propensities);
        assertTrue(someBelowOne, "an exploring strategy shows its offers with probabilities below 1");
        // once shown and accepted, the second offer may become the best one and be shown to everyone after: only "sometimes"
        assertTrue(likedShown > 0, "exploration shows the second offer: " + likedShown + " of " + visitors);
        Instant until = Instant.now().plusMillis(1);

        List<String> countedBefore = decisionsCounted();
        long rowsBefore = decisionRows();
        JsonPath performanceBefore = given().get("/v1/offers/" + run + "-liked/performance").then().statusCode(200)
                .extract().jsonPath();

        JsonPath current = estimate(Map.of("from", from.toString(), "until", until.toString(), "channel", "web",
                "placement", placement));
        System.out.println("Estimate of the current strategy replayed: " + current.prettify());
        assertEquals(visitors, current.getInt("decisions"));
        assertEquals(visitors, current.getInt("candidatePlaces"));
        assertEquals(visitors, current.getInt("loggedShown"));
        assertEquals(likedShown, current.getInt("loggedAnswered"));
        assertEquals(likedShown / (double) visitors, current.getDouble("observed.value"), 1e-6);
        assertEquals(0.0, current.getDouble("ips.value"), 1e-12, "the replayed current strategy shows the best, never accepted");
        assertEquals(0.0, current.getDouble("snips.value"), 1e-12);
        assertEquals("accept", current.getString("outcome"));
        assertEquals(false, current.getBoolean("truncated"), "at the limit (60), not past it");
        assertEquals(0, current.getInt("skippedWithoutPropensity"), "every exploring decision recorded its propensities");

        JsonPath candidate = estimate(Map.of("from", from.toString(), "until", until.toString(), "channel", "web",
                "placement", placement, "draft", Map.of("levers", Map.of(run + "-liked", 100))));
        System.out.println("Estimate of a candidate levering the liked offer: " + candidate.prettify());
        assertEquals(likedShown, candidate.getInt("matched"), "the candidate shows the liked offer in every place");
        assertEquals(1.0, candidate.getDouble("snips.value"), 1e-12);
        double ips = candidate.getDouble("ips.value");
        assertTrue(ips > 0.3 && ips < 3, "an unbiased estimate of 1 from " + likedShown + " matches: " + ips);
        assertTrue(candidate.getDouble("ips.low") <= 1.0 && candidate.getDouble("ips.high") >= candidate.getDouble("ips.low"));
        assertTrue(candidate.getDouble("effectiveSampleSize") > 0 && candidate.getDouble("effectiveSampleSize") <= likedShown);
        assertTrue(candidate.getString("warnings[0]").startsWith("Effective sample size"), "fewer than 100: warned");

        JsonPath conversions = estimate(Map.of("from", from.toString(), "until", until.toString(), "placement", placement,
                "outcome", "convert", "draft", Map.of("levers", Map.of(run + "-liked", 100))));
        assertEquals(0, conversions.getInt("loggedAnswered"), "accepted, never converted");
        assertEquals(0.0, conversions.getDouble("snips.value"), 1e-12);

        assertEquals(countedBefore, decisionsCounted(), "no decision counted in the metrics");
        assertEquals(rowsBefore, decisionRows(), "no decision recorded");
        JsonPath performanceAfter = given().get("/v1/offers/" + run + "-liked/performance").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(performanceBefore.getMap("$"), performanceAfter.getMap("$"), "nothing learnt or counted for the offer");

        // 60 decisions is this profile's pertinence.estimates.max-decisions: one more, and the newest 60 are read
        String newest = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", placement,
                "visitorId", "ope-visitor-" + run + "-last", "limit", 1)).post("/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getString("decisionId");
        given().get("/v1/decisions/" + newest).then().statusCode(200); // recorded before it is read
        JsonPath truncated = estimate(Map.of("from", from.toString(), "placement", placement));
        assertEquals(60, truncated.getInt("decisions"));
        assertTrue(truncated.getBoolean("truncated"));
        assertNotNull(decisions.get(0));
    }

    /** A strategy that never explores is deterministic: every offer it shows, with probability 1. */
    @Test
    void outsideAnyExplorationEveryOfferIsShownWithProbabilityOne() {
        String run = Long.toString(System.nanoTime(), 36);
        String placement = "ope-plain-" + run;
        offer(run + "-a", "ope-a-" + run, 1.0e8, placement);
        offer(run + "-b", "ope-b-" + run, 0.9e8, placement);
        String id = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", placement, "limit", 2))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath().getString("decisionId");
        given().get("/v1/decisions/" + id).then().statusCode(200)
                .body("offers[0].propensity", equalTo(1.0f)).body("offers[1].propensity", equalTo(1.0f));
    }

    /**
     * An exploring arm's decision records every offer's propensity, 1 included; a decision of that arm recorded before
     * propensities were (none on its offers) cannot be told from one shown with certainty, so an estimate skips it and
     * says how many it skipped; one recorded when only propensities below 1 were written reads its missing ones as 1;
     * outside an exploring arm, a missing propensity is 1.
     */
    @Test
    void decisionsOfAnExploringArmWithoutPropensitiesAreSkippedAndCounted() {
        String run = Long.toString(System.nanoTime(), 36);
        String placement = "ope-old-" + run;
        Instant from = Instant.now().minusSeconds(60);
        offer(run + "-a", "ope-old-a-" + run, 1.0e8, placement);
        offer(run + "-b", "ope-old-b-" + run, 0.9e8, placement);
        String experiment = given().contentType(ContentType.JSON).body(Map.of("name", "Exploring old " + run,
                        "channels", List.of("web"), "placements", List.of(placement), "arms", List.of(
                                Map.of("name", "a", "share", 50, "strategy", "personalised", "exploration", 0.5),
                                Map.of("name", "b", "share", 50, "strategy", "personalised", "exploration", 0.5))))
                .post("/v1/experiments").then().statusCode(201).extract().jsonPath().getString("id");

        // both offers in every ranking: shown with probability 1, and recorded so
        String live = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", placement,
                "visitorId", "ope-old-visitor-" + run, "limit", 2)).post("/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getString("decisionId");
        given().get("/v1/decisions/" + live).then().statusCode(200).body("offers[0].propensity", equalTo(1.0f))
                .body("offers[1].propensity", equalTo(1.0f));
        long written = pool.preparedQuery("""
                        SELECT count(*) FROM decision d, jsonb_array_elements(d.offers) o
                        WHERE d.id = $1 AND (o->>'propensity')::float8 = 1""").execute(Tuple.of(UUID.fromString(live)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertEquals(2, written, "both propensities written, 1 included");

        String arm = given().get("/v1/decisions/" + live).then().extract().jsonPath().getString("experiment.arm");
        String a = "{\"offerId\": \"" + run + "-a\", \"rank\": 1, \"score\": 1.0";
        String b = "{\"offerId\": \"" + run + "-b\", \"rank\": 2, \"score\": 0.9";
        logged(placement, experiment, arm, "[" + a + "}, " + b + "}]"); // before propensities: skipped
        logged(placement, experiment, arm, "[" + a + "}, " + b + "}]"); // skipped
        logged(placement, experiment, arm, "[" + a + "}, " + b + ", \"propensity\": 0.25}]"); // only below 1: a's is 1
        logged(placement, null, null, "[" + a + "}, " + b + "}]"); // outside any experiment: both 1

        JsonPath estimate = estimate(Map.of("from", from.toString(), "placement", placement));
        System.out.println("Estimate with decisions recorded before propensities: " + estimate.prettify());
        assertEquals(2, estimate.getInt("skippedWithoutPropensity"));
        assertEquals(3, estimate.getInt("decisions"), "the live one, the one with some propensities, the one outside");
        assertEquals(6, estimate.getInt("loggedShown"));
        assertEquals(6, estimate.getInt("matched"), "the candidate shows both offers, as each decision did");
        // weights 1, 1 (live), 1, 4 (b's 0.25, a's missing read as 1), 1, 1 (outside): Kish's 9² / 21
        assertEquals(81.0 / 21.0, estimate.getDouble("effectiveSampleSize"), 1e-5);
        assertEquals(false, estimate.getBoolean("truncated"));
    }

    private void logged(String placement, String experiment, String arm, String offers) {
        pool.preparedQuery("""
                        INSERT INTO decision (id, channel, placement, offers, decided_at, experiment_id, arm, explored, answer)
                        VALUES ($1, 'web', $2, $3::text::jsonb, now(), $4, $5, false, '{}'::json)""")
                .execute(Tuple.of(UUID.randomUUID(), placement, offers, experiment, arm))
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    @InvalidRequests
    void badEstimatesAreProblemsNamingTheField() {
        Instant now = Instant.now();
        refused(Map.of("from", now.toString(), "until", now.minusSeconds(60).toString()), "from", "must be before until");
        refused(Map.of("from", now.minus(Duration.ofDays(40)).toString(), "until", now.minusSeconds(1).toString()), "from",
                "pertinence.estimates.max-range");
        refused(Map.of("until", now.plus(Duration.ofDays(1)).toString()), "until", "in the future");
        refused(Map.of("outcome", "click"), "outcome", null);
        refused(Map.of("placement", "not a placement!"), "placement", null);
        refused(Map.of("channel", "telepathy"), "channel", null);
        refused(Map.of("draft", Map.of("levers", Map.of("no-such-offer-anywhere", 2))), "draft.levers", "not an active offer");
        refused(Map.of("draft", Map.of("levers", Map.of("x", -1))), null, null);
        refused(Map.of("draft", Map.of("popularityWeight", 2)), "draft.popularityWeight", null);
        refused(Map.of("surprise", true), null, null);
        given().contentType(ContentType.JSON).body("{\"from\": ").post("/v1/estimates").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + Tokens.of(Roles.DECISION_CLIENT)).contentType(ContentType.JSON)
                .body(Map.of()).post("/v1/estimates").then().statusCode(403);
    }

    private static void refused(Map<String, Object> body, String field, String detail) {
        var response = given().contentType(ContentType.JSON).body(body).post("/v1/estimates").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
        if (field != null) {
            response.body("field", equalTo(field));
        }
        if (detail != null) {
            response.body("detail", containsString(detail));
        }
    }

    private static JsonPath estimate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/estimates").then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath();
    }

    private static void offer(String id, String category, double value, String placement) {
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + id, "message", "Try it", "category", category,
                        "channels", List.of("web"), "placements", List.of(placement), "businessValue", value))
                .put("/v1/offers/" + id).then().statusCode(201);
    }

    private static List<String> decisionsCounted() {
        return given().get("/q/metrics").asString().lines().filter(line -> line.startsWith("pertinence_decisions_total")).toList();
    }

    private long decisionRows() {
        return pool.preparedQuery("SELECT count(*) FROM decision").execute(Tuple.tuple()).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
