package dev.pertinence.simulation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.offer.rule.RuleCache;
import dev.pertinence.offer.rule.RuleCompiler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Simulations through the API, on real PostgreSQL and Redis, over a small world where who gets
 * what can be worked out by hand: ten customers of a segment of their own, offers on a placement
 * of their own on channel app (values far above any other test's offer there). Each test waits for
 * its simulation to end, so the next one is not refused as a second one running.
 */
@QuarkusTest
class SimulationTest {

    @Inject
    Pool pool;

    @Inject
    LearnedResponses learned;

    @Inject
    RuleCompiler rules;

    /** The world: which customers and offers a run made, by their short names. */
    private record World(String segment, String placement, Map<String, String> offers) {
        String offer(String name) {
            return offers.get(name);
        }
    }

    /**
     * c0-c2 gold, c3-c4 silver, c5-c7 neither: all agreed to offers in the app; c8 (gold) and c9
     * did not. Offers, best first: gold (rule: gold customers; capped once a week), limited (a budget
     * of 20 impressions over 10 days), basic, and future (best of all, but valid only from tomorrow).
     */
    private World world() {
        awaitIdle();
        String run = "sim" + UUID.randomUUID().toString().substring(0, 8);
        String placement = run + "-slot";
        Map<String, String> offers = new HashMap<>();
        for (String name : List.of("gold", "limited", "basic", "future")) {
            offers.put(name, run + "-" + name);
        }
        offer(offers.get("gold"), placement, 100, Map.of("rule", "'gold' in customer.segments",
                "frequencyCap", Map.of("count", 1, "period", "P7D")));
        offer(offers.get("limited"), placement, 10, Map.of("budget", Map.of("count", 20, "of", "impressions",
                "until", Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())));
        offer(offers.get("basic"), placement, 1, Map.of());
        offer(offers.get("future"), placement, 100, Map.of("validFrom",
                Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        for (int i = 0; i < 10; i++) {
            List<String> segments = new ArrayList<>(List.of(run));
            if (i <= 2 || i == 8) {
                segments.add("gold");
            } else if (i <= 4) {
                segments.add("silver");
            }
            String customer = run + "-c" + i;
            given().contentType(ContentType.JSON).body(Map.of("firstName", "C" + i, "segments", segments))
                    .put("/v1/customers/" + customer).then().statusCode(201);
            if (i < 8) {
                Consenting.grant(customer, "in_app");
            } else if (i == 9) {
                Consenting.grant(customer); // profiling only: no offers in the app
            }
        }
        return new World(run, placement, offers);
    }

    private static void offer(String id, String placement, int lever, Map<String, Object> more) {
        Map<String, Object> offer = new HashMap<>(Map.of("id", id, "title", "Offer " + id, "message", "M",
                "category", id, "channels", List.of("app"), "placements", List.of(placement),
                "businessValue", 1_000_000_000, "lever", lever));
        offer.putAll(more);
        given().contentType(ContentType.JSON).body(offer).post("/v1/offers").then().statusCode(201);
    }

    @Test
    void aSmallWorldGetsWhatCanBeWorkedOutByHandAndNothingIsSpentCappedLearntOrCounted() {
        World world = world();
        String gold = world.offer("gold");
        String limited = world.offer("limited");
        String basic = world.offer("basic");
        String future = world.offer("future");
        List<String> counted = decisionsCounted();

        // 1. The current strategy, top 2
        Response started = start(Map.of("segment", world.segment(), "limit", 2,
                "placements", List.of(Map.of("channel", "app", "placement", world.placement()))));
        started.then().statusCode(202).body("status", equalTo("queued")).body("settings.sample", equalTo(10_000))
                .body("settings.placements[0].channel", equalTo("app"));
        String id = started.jsonPath().getString("id");
        assertEquals("/v1/simulations/" + id, java.net.URI.create(started.header("Location")).getPath());
        JsonPath done = awaitDone(id);
        System.out.println("Simulation of the small world: " + done.prettify());
        assertEquals(10, done.getInt("result.people"));
        assertEquals(10, done.getInt("result.population"));
        assertEquals(10, done.getInt("progress.done"));
        assertEquals(10, done.getInt("progress.total"));
        String at = "result.placements[0]";
        assertEquals(10, done.getInt(at + ".people"));
        assertOffer(done, at, gold, 3, 3, List.of(3, 0));      // c0-c2; c8 is gold but refused offers in the app
        assertOffer(done, at, limited, 8, 8, List.of(5, 3));   // first for c3-c7, second under gold for c0-c2
        assertOffer(done, at, basic, 8, 5, List.of(0, 5));     // second for c3-c7; one per category, two a decision
        assertOffer(done, at, future, 0, 0, List.of(0, 0));    // not valid yet: nobody is eligible
        assertEquals(2, done.getInt(at + ".nothing.people"));
        assertEquals(Map.of("no_offers_consent", 2), done.getMap(at + ".nothing.reasons"));
        assertEquals(2, done.getInt("result.nothing.people"));
        assertEquals(0.2f, done.getFloat("result.nothing.share"), 1e-6);
        assertNull(done.get("result.difference"), "no draft, no difference");
        // the budget: 20 left, 8 proposals; nothing recorded for it, so this population in one day: out in 2.5 days
        String budget = "result.budgets.find { it.offerId == '" + limited + "' }";
        assertEquals(20, done.getInt(budget + ".left"));
        assertEquals(8, done.getInt(budget + ".wouldSpend"));
        assertEquals("population", done.getString(budget + ".dailyReachFrom"));
        assertEquals(8.0f, done.getFloat(budget + ".dailyReach"), 1e-6);
        assertAbout(done, budget, 2.5);
        assertEquals(1, done.getList("result.budgets").size(), "one budgeted offer");

        // dry: no decision counted, no budget spent or held, nothing learnt, no cap taken
        assertEquals(counted, decisionsCounted());
        JsonPath figures = given().get("/v1/offers/" + limited + "/performance").then().statusCode(200).extract().jsonPath();
        assertEquals(0, figures.getInt("budget.spent"));
        assertEquals(0, figures.getInt("budget.reserved"));
        for (String offer : List.of(gold, limited, basic)) {
            assertEquals(LearnedResponses.Counts.NONE, learned.counts(offer, world.segment()), offer);
        }
        JsonPath real = given().contentType(ContentType.JSON).body(Map.of("customerId", world.segment() + "-c0", "channel", "app",
                "placement", world.placement(), "limit", 2)).post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(gold, limited), real.getList("offers.offerId"), "gold's cap of one was not taken by the simulation");
        given().get("/v1/decisions/" + real.getString("decisionId")).then().statusCode(200); // recorded now, for the reach below
        List<String> countedAfterReal = decisionsCounted();

        // 2. A draft: gold for silver customers instead; the current strategy beside it. c0's gold is capped now
        // (the real decision above): the draft changes the top offer of c1, c2 (gold → limited) and c3, c4 (limited → gold)
        JsonPath drafted = awaitDone(start(Map.of("segment", world.segment(), "limit", 2,
                "placements", List.of(Map.of("channel", "app", "placement", world.placement())),
                "dailyReach", Map.of(limited, 4),
                "draft", Map.of("rules", Map.of(gold, "'silver' in customer.segments")))).then().statusCode(202)
                .extract().path("id"));
        assertOffer(drafted, at, gold, 2, 2, List.of(2, 0));
        assertOffer(drafted, at, limited, 8, 8, List.of(6, 2));
        assertEquals(4, drafted.getInt("result.difference.changed"));
        assertEquals(10, drafted.getInt("result.difference.people"));
        assertEquals(0.4f, drafted.getFloat("result.difference.share"), 1e-6);
        assertEquals(List.of(Map.of("from", gold, "to", limited, "decisions", 2), Map.of("from", limited, "to", gold, "decisions", 2)),
                sortedTransitions(drafted));
        assertEquals("'silver' in customer.segments", drafted.getString("settings.draft.rules.'" + gold + "'"));
        // the real decision holds a unit of limited: 19 left, at the 4 a day the request states, out in 4.75 days
        assertEquals(1, drafted.getInt(budget + ".reserved"));
        assertEquals(19, drafted.getInt(budget + ".left"));
        assertEquals("request", drafted.getString(budget + ".dailyReachFrom"));
        assertAbout(drafted, budget, 19 / 4.0);

        // 3. The current strategy again: c0 is eligible for gold but capped, so 3 eligible, 2 get it; limited's reach is
        // now the one recorded decision over 7 days, at which its budget lasts its 10 days
        JsonPath capped = awaitDone(start(Map.of("segment", world.segment(), "limit", 2,
                "placements", List.of(Map.of("channel", "app", "placement", world.placement())))).then().statusCode(202)
                .extract().path("id"));
        assertOffer(capped, at, gold, 3, 2, List.of(2, 0));
        assertEquals("recorded", capped.getString(budget + ".dailyReachFrom"));
        assertEquals(1 / 7.0, capped.getDouble(budget + ".dailyReach"), 1e-6);
        assertNull(capped.get(budget + ".runsOutAt"), "19 units at one a week last beyond the window");

        // 4. A seeded sample of 4 of the 10
        JsonPath sampled = awaitDone(start(Map.of("segment", world.segment(), "sample", 4, "seed", 7,
                "placements", List.of(Map.of("channel", "app", "placement", world.placement())))).then().statusCode(202)
                .extract().path("id"));
        assertEquals(4, sampled.getInt("result.people"));
        assertEquals(10, sampled.getInt("result.population"));

        String svg = given().get("/v1/simulations/" + id + "/chart").then().statusCode(200).contentType("image/svg+xml")
                .extract().asString();
        assertTrue(svg.contains(gold) && svg.contains(limited) && svg.contains("nothing") && svg.contains("3 of 3 eligible"), svg);
        assertEquals(countedAfterReal, decisionsCounted(), "the three runs after the real decision counted none either");
    }

    private static List<Map<String, Object>> sortedTransitions(JsonPath path) {
        List<Map<String, Object>> transitions = new ArrayList<>(path.getList("result.difference.transitions"));
        transitions.sort((a, b) -> String.valueOf(a.get("from")).compareTo(String.valueOf(b.get("from"))));
        return transitions;
    }

    private static void assertOffer(JsonPath done, String at, String offer, int eligible, int people, List<Integer> byRank) {
        String found = at + ".offers.find { it.offerId == '" + offer + "' }";
        assertEquals(eligible, done.getInt(found + ".eligible"), offer + " eligible: " + done.prettify());
        assertEquals(people, done.getInt(found + ".people"), offer + " people");
        assertEquals(byRank, done.getList(found + ".byRank"), offer + " by rank");
    }

    /** runsOutAt is this many days after the run (between its start and its end). */
    private static void assertAbout(JsonPath done, String budget, double days) {
        Instant runsOut = Instant.parse(done.getString(budget + ".runsOutAt"));
        long seconds = Math.round(days * 86_400);
        Instant earliest = Instant.parse(done.getString("startedAt")).plusSeconds(seconds - 1);
        Instant latest = Instant.parse(done.getString("finishedAt")).plusSeconds(seconds + 1);
        assertTrue(!runsOut.isBefore(earliest) && !runsOut.isAfter(latest), runsOut + " in [" + earliest + ", " + latest + "]");
    }

    /**
     * One at a time across replicas (a row another replica is running refuses a new one, 409); a job
     * whose replica stopped is marked failed and no longer blocks the next; a job without a result has
     * no chart (409).
     */
    @Test
    void aRunningSimulationRefusesAnotherUntilItsReplicaIsFoundStopped() {
        World world = world();
        UUID elsewhere = UUID.randomUUID();
        JsonObject settings = new JsonObject(Map.of("placements", List.of(Map.of("channel", "app", "placement", "home")),
                "sample", 10, "seed", 1, "limit", 3, "dailyReach", Map.of()));
        pool.preparedQuery("""
                INSERT INTO simulation (id, status, settings, requested_at, started_at, heartbeat_at)
                VALUES ($1, 'running', $2, now(), now(), now())""")
                .execute(Tuple.of(elsewhere, settings)).await().atMost(Duration.ofSeconds(10));
        Map<String, Object> ask = Map.of("segment", world.segment(), "placements",
                List.of(Map.of("channel", "app", "placement", world.placement())));
        start(ask).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(elsewhere.toString()));
        given().get("/v1/simulations/" + elsewhere).then().statusCode(200).body("status", equalTo("running"));
        given().get("/v1/simulations/" + elsewhere + "/chart").then().statusCode(409).contentType("application/problem+json");

        pool.preparedQuery("UPDATE simulation SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1")
                .execute(Tuple.of(elsewhere)).await().atMost(Duration.ofSeconds(10));
        Response started = start(ask);
        started.then().statusCode(202);
        given().get("/v1/simulations/" + elsewhere).then().statusCode(200).body("status", equalTo("failed"))
                .body("error", containsString("abandoned: the service running it stopped"));
        assertEquals(10, awaitDone(started.jsonPath().getString("id")).getInt("result.people"));
    }

    /**
     * A draft's rules are compiled as saved rules are checked, but never enter the compiler's cache
     * (which holds saved rules only); and while a job runs, the next is refused before any of its
     * rules is compiled (a broken one is then 409, not 400). A job running on another replica is
     * cancelled from this one: failed at once, saying so, and the next may start.
     */
    @Test
    void draftRulesStayOutOfTheRuleCacheAndARunningJobRefusesTheNextBeforeCompilingIt() {
        World world = world();
        String gold = world.offer("gold");
        List<Map<String, Object>> here = List.of(Map.of("channel", "app", "placement", world.placement()));
        assertTrue(RuleCache.holds(rules, "'gold' in customer.segments"), "a saved offer's rule is cached");
        String draftRule = "'silver' in customer.segments || '" + world.segment() + "-none' in customer.segments";
        JsonPath drafted = awaitDone(start(Map.of("segment", world.segment(), "placements", here,
                "draft", Map.of("rules", Map.of(gold, draftRule)))).then().statusCode(202).extract().path("id"));
        assertEquals(2, drafted.getInt("result.placements[0].offers.find { it.offerId == '" + gold + "' }.eligible"),
                "the draft's rule was applied: the two silver customers");
        assertFalse(RuleCache.holds(rules, draftRule), "a draft's rule is not cached");
        // without limited and basic, c3-c7 get nothing: gold's rule left them out (the reasons are counted, explain or not)
        // other tests' offers that run on every placement of the channel are left out too (the whole suite shares one database)
        List<String> leftOut = new ArrayList<>(List.of(world.offer("limited"), world.offer("basic")));
        List<String> proposed = drafted.getList("result.placements[0].offers.offerId");
        proposed.stream().filter(id -> !id.startsWith(world.segment())).forEach(leftOut::add);
        JsonPath without = awaitDone(start(Map.of("segment", world.segment(), "placements", here,
                "draft", Map.of("withoutOffers", leftOut))).then().statusCode(202).extract().path("id"));
        assertEquals(7, without.getInt("result.nothing.people"), without.prettify());
        assertEquals(2, without.getInt("result.nothing.reasons.no_offers_consent"));
        assertEquals(5, without.getInt("result.nothing.reasons.rule_not_met"));

        UUID elsewhere = insertRunning();
        String broken = "customer.segments.exists(s, s == '" + world.segment() + "'";
        start(Map.of("placements", here, "draft", Map.of("rules", Map.of(gold, broken)))).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(elsewhere.toString()));
        String refused = "'" + world.segment() + "-busy' in customer.segments";
        start(Map.of("placements", here, "draft", Map.of("rules", Map.of(gold, refused)))).then().statusCode(409);
        assertFalse(RuleCache.holds(rules, refused));

        given().post("/v1/simulations/" + elsewhere + "/cancel").then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(elsewhere.toString())).body("status", equalTo("failed"))
                .body("error", equalTo("cancelled after 0 people decided; no result")).body("finishedAt", notNullValue());
        given().post("/v1/simulations/" + elsewhere + "/cancel").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already failed"));
        assertEquals(10, awaitDone(start(Map.of("segment", world.segment(), "placements", here)).then().statusCode(202)
                .extract().path("id")).getInt("result.people"));
    }

    /**
     * A run held at reading its population (the customer table locked) is cancelled: failed at once
     * with why, no result; once released it stops before its first person, writes nothing more, and
     * the next run starts and ends. A run that ended cannot be cancelled (409), an unknown one is 404.
     */
    @Test
    void aRunningSimulationIsCancelledStopsWithoutAResultAndTheNextRuns() {
        World world = world();
        List<Map<String, Object>> here = List.of(Map.of("channel", "app", "placement", world.placement()));
        String id;
        try (CustomersLocked locked = new CustomersLocked(pool)) {
            Response started = start(Map.of("placements", here, "sample", 5));
            started.then().statusCode(202);
            id = started.jsonPath().getString("id");
            Await.until("simulation " + id + " running", Duration.ofSeconds(30), () -> "running".equals(
                    given().get("/v1/simulations/" + id).then().statusCode(200).extract().path("status")));
            given().post("/v1/simulations/" + id + "/cancel").then().statusCode(200).contentType(ContentType.JSON)
                    .body("status", equalTo("failed")).body("error", startsWith("cancelled after 0 people"))
                    .body("finishedAt", notNullValue()).body("result", nullValue());
            given().post("/v1/simulations/" + id + "/cancel").then().statusCode(409).contentType("application/problem+json")
                    .body("status", equalTo(409)).body("detail", containsString("already failed"));
        }
        String next = start(Map.of("segment", world.segment(), "placements", here)).then().statusCode(202).extract().path("id");
        assertEquals(10, awaitDone(next).getInt("result.people"));
        given().get("/v1/simulations/" + id).then().statusCode(200).body("status", equalTo("failed"))
                .body("error", startsWith("cancelled after 0 people")).body("result", nullValue()).body("progress.done", equalTo(0));

        given().post("/v1/simulations/" + next + "/cancel").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already done"));
        given().post("/v1/simulations/" + UUID.randomUUID() + "/cancel").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** A job another replica is running (its row, fresh heartbeat). */
    private UUID insertRunning() {
        UUID elsewhere = UUID.randomUUID();
        JsonObject settings = new JsonObject(Map.of("placements", List.of(Map.of("channel", "app", "placement", "home")),
                "sample", 10, "seed", 1, "limit", 3, "dailyReach", Map.of()));
        pool.preparedQuery("""
                INSERT INTO simulation (id, status, settings, requested_at, started_at, heartbeat_at)
                VALUES ($1, 'running', $2, now(), now(), now())""")
                .execute(Tuple.of(elsewhere, settings)).await().atMost(Duration.ofSeconds(10));
        return elsewhere;
    }

    @Test
    @InvalidRequests
    void badInputsAreProblemsNamingTheField() {
        World world = world();
        List<Map<String, Object>> here = List.of(Map.of("channel", "app", "placement", world.placement()));
        refused(Map.of("placements", here, "sample", 0), "sample");
        refused(Map.of("placements", here, "sample", 1_000_000), "sample");
        refused(Map.of("placements", here, "limit", 0), "limit");
        refused(Map.of("placements", here, "limit", 11), "limit");
        refused(Map.of("placements", here, "segment", world.segment() + "-nobody"), "segment");
        refused(Map.of("placements", here, "segment", "not a segment!"), "segment");
        given().contentType(ContentType.JSON).body(Map.of("placements", List.of(Map.of("channel", "fax", "placement", "home"))))
                .post("/v1/simulations").then().statusCode(400).contentType("application/problem+json")
                .body("field", startsWith("placements"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            many.add(Map.of("channel", "web", "placement", "p" + i));
        }
        refused(Map.of("placements", many), "placements");
        refused(Map.of("placements", here, "draft", Map.of("levers", Map.of(world.segment() + "-nope", 2))), "draft.levers");
        refused(Map.of("placements", here, "draft", Map.of("rules", Map.of(world.segment() + "-nope", "true"))), "draft.rules");
        refused(Map.of("placements", here, "draft", Map.of("withoutOffers", List.of(world.segment() + "-nope"))),
                "draft.withoutOffers");
        refused(Map.of("placements", here, "draft", Map.of("popularityWeight", 2)), "draft.popularityWeight");
        String gold = world.offer("gold");
        given().contentType(ContentType.JSON).body(Map.of("placements", here, "draft", Map.of("rules",
                Map.of(gold, "customer.segments.exists(s, s == ")))).post("/v1/simulations").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("draft.rules." + gold))
                .body("detail", containsString("line 1, column"));
        refused(Map.of("placements", here, "dailyReach", Map.of(world.offer("basic"), 10)), "dailyReach");
        refused(Map.of("placements", here, "dailyReach", Map.of(world.offer("limited"), 0)), "dailyReach");

        given().get("/v1/simulations/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id"));
        given().post("/v1/simulations/not-a-uuid/cancel").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id"));
        given().get("/v1/simulations/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/simulations/" + UUID.randomUUID() + "/chart").then().statusCode(404);
    }

    /** Another test's simulation (AccessControlTest starts one with an empty body) ends before this one starts. */
    private void awaitIdle() {
        Await.until("no simulation running", Duration.ofSeconds(120), () -> pool
                .preparedQuery("SELECT count(*) FROM simulation WHERE status IN ('queued', 'running')").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0) == 0);
    }

    private static Response start(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/simulations");
    }

    private static void refused(Map<String, Object> body, String field) {
        start(body).then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("field", equalTo(field));
    }

    private static List<String> decisionsCounted() {
        return given().get("/q/metrics").asString().lines().filter(line -> line.startsWith("pertinence_decisions_total")).toList();
    }

    private static JsonPath awaitDone(String id) {
        JsonPath[] found = new JsonPath[1];
        Await.until("simulation " + id, Duration.ofSeconds(120), () -> {
            found[0] = given().get("/v1/simulations/" + id).then().statusCode(200).extract().jsonPath();
            return !List.of("queued", "running").contains(found[0].getString("status"));
        });
        assertEquals("done", found[0].getString("status"), found[0].prettify());
        return found[0];
    }
}
