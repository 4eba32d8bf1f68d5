package dev.pertinence.page.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.outcome.service.LiveResponses;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page layout is a decision (docs/callers.md, Web): it has a decisionId and is read back as one, its
 * sections' impressions and clicks are its outcomes and teach the page's order, an experiment on the page
 * splits visitors into a control arm (the page's own order) and a personalised one. Real PostgreSQL and
 * Redis. Products pd-*, customers pd-*, pages pd-*.
 */
@QuarkusTest
class PageDecisionTest {

    private static final Duration LONG = Duration.ofSeconds(10);
    /** The page's own order: news, dairy, veg; a cart with pd-carrot points at veg. */
    private static final List<Map<String, Object>> SECTIONS = List.of(
            Map.of("id", "news", "category", "pd-news"),
            Map.of("id", "dairy", "category", "pd-dairy"),
            Map.of("id", "veg", "tags", List.of("pd-veg")));
    private static boolean seeded;

    @Inject
    Pool pool;

    @Inject
    DecisionRecorder recorder;

    @Inject
    LiveResponses live;

    @Inject
    io.vertx.mutiny.redis.client.Redis redis;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        given().contentType("text/csv").body("sku,name,category,price\npd-carrot,Carrots,pd-veg,1\npd-milk,Milk,pd-dairy,1\n")
                .post("/v1/products/import").then().statusCode(200);
    }

    @Test
    void aLayoutHasADecisionIdAndIsReadBackAsAPageLayout() {
        JsonPath layout = layout(Map.of("page", "pd-home", "cart", List.of("pd-carrot"), "sections", SECTIONS));
        UUID id = UUID.fromString(layout.getString("decisionId"));
        assertEquals(7, id.version(), "time-ordered, as a decision's");
        assertEquals("pd-home", layout.getString("page"));
        assertEquals(List.of("veg", "news", "dairy"), layout.getList("sections.id"));
        assertNull(layout.get("dryRun"));
        assertNull(layout.get("experiment"));

        JsonPath past = given().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("page_layout", past.getString("kind"));
        assertEquals("web", past.getString("channel"));
        assertEquals("pd-home", past.getString("placement"));
        assertEquals("anonymous", past.getString("segment"));
        assertNull(past.get("customerId"));
        assertEquals(List.of(), past.getList("offers"));
        assertEquals(List.of("veg", "news", "dairy"), past.getList("sections.sectionId"));
        assertEquals(List.of(1, 2, 3), past.getList("sections.position"));
        assertEquals(List.of(3, 1, 2), past.getList("sections.originalPosition"));
        assertEquals(layout.getList("sections.reason"), past.getList("sections.reason"));
        assertEquals(layout.getDouble("sections[0].score"), past.getDouble("sections[0].score"), 1e-9);
        assertEquals(List.of("pd-carrot"), past.getList("context.cart"));
        assertEquals("answer", past.getString("kept"));

        // a known customer's layouts are among their decisions; a page named by no one is "page"
        Customers.customer("pd-jeanne");
        Consenting.grant("pd-jeanne");
        JsonPath hers = layout(Map.of("customerId", "pd-jeanne", "sections", SECTIONS));
        assertEquals("page", hers.getString("page"));
        JsonPath listed = given().get("/v1/customers/pd-jeanne/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals(hers.getString("decisionId"), listed.getString("decisions[0].decisionId"));
        assertEquals("page_layout", listed.getString("decisions[0].kind"));
        assertEquals("pd-jeanne", listed.getString("decisions[0].customerId"));
        assertEquals("page", listed.getString("decisions[0].placement"));
        // a decision is still a decision
        given().contentType(ContentType.JSON).body(Map.of("customerId", "pd-jeanne", "channel", "web", "placement", "pd-home"))
                .post("/v1/decisions").then().statusCode(200);
        JsonPath both = given().get("/v1/customers/pd-jeanne/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("decision", "page_layout"), both.getList("decisions.kind"));
        assertNull(both.get("decisions[0].sections"));
    }

    @Test
    void aDryRunRecordsNothingAndItsIdTakesNoOutcome() {
        JsonPath dry = layout(Map.of("page", "pd-dry", "cart", List.of("pd-carrot"), "sections", SECTIONS, "dryRun", true));
        assertTrue(dry.getBoolean("dryRun"));
        assertEquals(List.of("veg", "news", "dairy"), dry.getList("sections.id"), "ranked as a real one");
        UUID id = UUID.fromString(dry.getString("decisionId"));
        assertEquals(4, id.version());
        given().get("/v1/decisions/" + id).then().statusCode(404).body("field", equalTo("decisionId"));
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-dry-1", "offerId", "veg", "type", "click"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(404).body("field", equalTo("decisionId"));
        recorder.flushNow().await().atMost(LONG); // whatever was queued is written: the dry run never was
        assertEquals(0, count("SELECT count(*) FROM decision WHERE placement = 'pd-dry'"));
    }

    @Test
    void aSectionClickIsAnOutcomeOfItsLayoutAndASectionNotInItIsRefused() {
        Customers.customer("pd-clicker");
        Consenting.grant("pd-clicker");
        String id = layout(Map.of("customerId", "pd-clicker", "page", "pd-click", "sections", SECTIONS)).getString("decisionId");
        long offersVersion = live.version();
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-click-1", "offerId", "veg", "type", "click"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(201).body("offerId", equalTo("veg"));
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-click-1", "offerId", "veg", "type", "click"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("outcomes", List.of(
                        Map.of("decisionId", id, "eventId", "pd-click-2", "offerId", "news", "type", "impression"))))
                .post("/v1/outcomes").then().statusCode(200);
        // stored under the section's key, counted once, and not an offer shown to her (no exposure, no contact)
        assertEquals(1, count("SELECT count(*) FROM outcome WHERE decision_id = $1 AND offer_id = 'page/pd-click/veg' AND type = 'click'",
                UUID.fromString(id)));
        assertEquals(1, count("SELECT count(*) FROM outcome WHERE decision_id = $1 AND offer_id = 'page/pd-click/news'",
                UUID.fromString(id)));
        assertEquals(0, count("SELECT count(*) FROM exposure WHERE decision_id = $1", UUID.fromString(id)));
        // learnt under the section's key in her segment, clicks as acceptances; the offers' change log is left alone
        assertEquals(new LearnedResponses.Counts(0, 1), live.counts("page/pd-click/veg", "pd-clicker"));
        assertEquals(new LearnedResponses.Counts(1, 0), live.counts("page/pd-click/news", "pd-clicker"));
        assertEquals(LearnedResponses.Counts.NONE, live.counts("veg", "pd-clicker"));
        // pages are named by callers: a section's counters expire after pertinence.learning.page-section-memory (90 days)
        long ttl = redis.send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.PTTL)
                .arg("pertinence:{o:page/pd-click/veg}:responses")).await().indefinitely().toLong();
        assertTrue(ttl > java.time.Duration.ofDays(89).toMillis() && ttl <= java.time.Duration.ofDays(90).toMillis(), "PTTL " + ttl);
        java.util.Set<String> changed = live.changedSince(offersVersion);
        assertTrue(changed == null || changed.stream().noneMatch(key -> key.startsWith("page/")),
                "no decision's candidate order is rescored for a section: " + changed);
        given().get("/v1/customers/pd-clicker/exposures").then().statusCode(200).body("exposures.size()", equalTo(0));

        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-click-3", "offerId", "garden", "type", "click"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("offerId")).body("detail", startsWith("section 'garden' was not in page layout"));
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-click-4", "offerId", "veg", "type", "accept"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(422).body("field", equalTo("type"));
        // a section's id is not an offer of a decision, nor its key an id anyone can send
        String decision = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", "pd-click"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath().getString("decisionId");
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-click-5", "offerId", "veg", "type", "click"))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(422).body("field", equalTo("offerId"))
                .body("detail", startsWith("offer 'veg' was not proposed"));
        // the same event id for another section is a reused id
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-click-1", "offerId", "news", "type", "click"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(409).body("field", equalTo("eventId"));
    }

    @Test
    void aSectionClickedFarMoreThanOthersBySimilarVisitorsRises() {
        String page = "pd-learn-" + Long.toString(System.nanoTime(), 36);
        JsonPath first = layout(Map.of("page", page, "sections", SECTIONS));
        assertEquals(List.of("news", "dairy", "veg"), first.getList("sections.id"), "nothing to go on: the page's order");
        for (int visitor = 0; visitor < 25; visitor++) { // each sees the page and clicks veg, the last section
            String id = layout(Map.of("page", page, "visitorId", "pd-v" + visitor, "sections", SECTIONS)).getString("decisionId");
            List<Map<String, Object>> outcomes = new ArrayList<>();
            for (Map<String, Object> section : SECTIONS) {
                outcomes.add(Map.of("decisionId", id, "eventId", page + "-" + visitor + "-" + section.get("id"),
                        "offerId", section.get("id"), "type", "impression"));
            }
            outcomes.add(Map.of("decisionId", id, "eventId", page + "-" + visitor + "-click", "offerId", "veg", "type", "click"));
            given().contentType(ContentType.JSON).body(Map.of("outcomes", outcomes)).post("/v1/outcomes").then().statusCode(200);
        }
        // counted before each batch was answered: the counts are there, whatever order the answers came back in
        JsonPath learnt = layout(Map.of("page", page, "sections", SECTIONS));
        assertEquals(List.of("veg", "news", "dairy"), learnt.getList("sections.id"), learnt.prettify());
        assertEquals("Clicked in 25 of 25 views of this page by visitors in segment anonymous: learned lift 11.6",
                learnt.getString("sections[0].reason"));
        // seen 25 times and never clicked: news and dairy keep the page's order behind it
        assertEquals(0.0, learnt.getDouble("sections[1].score"));
        // what one page learnt is not another's
        assertEquals(List.of("news", "dairy", "veg"), layout(Map.of("page", page + "-b", "sections", SECTIONS)).getList("sections.id"));
    }

    @Test
    void aControlArmGetsThePagesOwnOrderAndTheArmIsOnTheRecordAndInTheResults() {
        String page = "pd-xp-" + Long.toString(System.nanoTime(), 36);
        String experiment = given().contentType(ContentType.JSON).body(Map.of("name", "Home layout", "channels", List.of("web"),
                        "placements", List.of(page), "arms", List.of(Map.of("name", "control", "share", 50, "strategy", "control"),
                                Map.of("name", "personalised", "share", 50, "strategy", "personalised"))))
                .post("/v1/experiments").then().statusCode(201).extract().jsonPath().getString("id");
        Map<String, Integer> layouts = new HashMap<>();
        Map<String, Integer> clicks = new HashMap<>();
        for (int visitor = 0; visitor < 40; visitor++) {
            JsonPath layout = layout(Map.of("page", page, "visitorId", "pd-xv" + visitor, "cart", List.of("pd-carrot"),
                    "sections", SECTIONS));
            String arm = layout.getString("experiment.arm");
            assertEquals(experiment, layout.getString("experiment.experimentId"));
            layouts.merge(arm, 1, Integer::sum);
            if (arm.equals("control")) {
                assertEquals(List.of("news", "dairy", "veg"), layout.getList("sections.id"));
                assertEquals("Control group: the page's own order, not personalised", layout.getString("sections[2].reason"));
            } else {
                assertEquals(List.of("veg", "news", "dairy"), layout.getList("sections.id"));
            }
            // the same visitor stays in the same arm
            assertEquals(arm, layout(Map.of("page", page, "visitorId", "pd-xv" + visitor, "sections", SECTIONS))
                    .getString("experiment.arm"));
            String id = layout.getString("decisionId");
            JsonPath past = given().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals(arm, past.getString("experiment.arm"));
            if (arm.equals("personalised") || visitor % 4 == 0) { // the first section is clicked more when it is veg
                given().contentType(ContentType.JSON).body(Map.of("eventId", page + "-" + visitor, "offerId",
                        layout.getString("sections[0].id"), "type", "click")).post("/v1/decisions/" + id + "/outcomes")
                        .then().statusCode(201);
                clicks.merge(arm, 1, Integer::sum);
            }
        }
        assertTrue(layouts.getOrDefault("control", 0) > 0 && layouts.getOrDefault("personalised", 0) > 0, layouts.toString());
        JsonPath results = Await.until("the layouts recorded", LONG, () -> {
            JsonPath read = given().get("/v1/experiments/" + experiment + "/results").then().statusCode(200).extract().jsonPath();
            return read.getList("overall").size() == 2 && read.getLong("overall[0].decisions") + read.getLong("overall[1].decisions") == 80
                    ? read : null;
        });
        for (int arm = 0; arm < 2; arm++) {
            String name = results.getString("overall[" + arm + "].arm");
            assertEquals(layouts.get(name), results.getInt("overall[" + arm + "].people"), name);
            assertEquals(clicks.getOrDefault(name, 0), results.getInt("overall[" + arm + "].acceptances"), name + ": clicks per arm");
        }
        assertEquals("personalised", results.getString("overall[1].arm"));
        assertTrue(results.getMap("overall[1].acceptanceUplift") != null, results.prettify());
        assertTrue(results.getDouble("overall[1].acceptanceUplift.low") < results.getDouble("overall[1].acceptanceUplift.high"));
    }

    @Test
    void anErasureUnlinksHerLayoutsAndKeepsOnlyWhatAttributesTheirClicks() {
        Customers.customer("pd-erased");
        Consenting.grant("pd-erased");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "pd-erased", "sku", "pd-milk",
                "purchasedAt", Instant.now().minus(1, ChronoUnit.DAYS).toString())).post("/v1/purchases").then().statusCode(201);
        Map<String, Object> request = Map.of("customerId", "pd-erased", "page", "pd-erase", "sections", SECTIONS);
        JsonPath layout = layout(request);
        assertEquals("dairy", layout.getString("sections[0].id"), layout.prettify());
        String id = layout.getString("decisionId");
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-erase-1", "offerId", "dairy", "type", "click"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(201);
        assertTrue(given().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath()
                .getString("sections[0].reason").startsWith("Bought Milk"));

        given().delete("/v1/customers/pd-erased").then().statusCode(200);
        JsonPath past = given().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
        assertNull(past.get("customerId"));
        assertEquals("attribution", past.getString("kept"));
        assertEquals("page_layout", past.getString("kind"));
        assertEquals(List.of("dairy", "news", "veg"), past.getList("sections.sectionId"));
        assertNull(past.get("sections[0].reason"), "reasons drawn from her purchases are gone");
        assertNull(past.get("context"));
        assertEquals(0, count("SELECT count(*) FROM outcome WHERE decision_id = $1 AND customer_id IS NOT NULL", UUID.fromString(id)));
        assertEquals(1, count("SELECT count(*) FROM outcome WHERE decision_id = $1", UUID.fromString(id)), "the click still counts");
        // her kept layout went with her: the same request is a new one, for nobody known
        JsonPath after = layout(request);
        assertNotEquals(id, after.getString("decisionId"));
        assertNull(after.get("customerId"));
    }

    @Test
    @InvalidRequests
    void badPagesSectionsAndVisitorsAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("page", "home page", "sections", SECTIONS)).post("/v1/page-layouts")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("page"));
        given().contentType(ContentType.JSON).body(Map.of("page", "home/x", "sections", SECTIONS)).post("/v1/page-layouts")
                .then().statusCode(400).body("field", equalTo("page"));
        given().contentType(ContentType.JSON).body(Map.of("sections", List.of(Map.of("id", "a/b", "category", "x"))))
                .post("/v1/page-layouts").then().statusCode(400).body("field", equalTo("sections[0].id"));
        given().contentType(ContentType.JSON).body(Map.of("visitorId", "v".repeat(201), "sections", SECTIONS))
                .post("/v1/page-layouts").then().statusCode(400).body("field", equalTo("visitorId"));
        given().contentType(ContentType.JSON).body(Map.of("page", 7, "sections", SECTIONS)).post("/v1/page-layouts")
                .then().statusCode(400).body("field", equalTo("page"));
        String id = layout(Map.of("page", "pd-bad", "sections", SECTIONS)).getString("decisionId");
        given().contentType(ContentType.JSON).body(Map.of("eventId", "pd-bad-1", "offerId", "page/pd-bad/veg", "type", "click"))
                .post("/v1/decisions/" + id + "/outcomes").then().statusCode(400).body("field", equalTo("offerId"));
        assertFalse(id.isEmpty());
        assertNotEquals(id, layout(Map.of("page", "pd-bad", "sections", SECTIONS)).getString("decisionId"),
                "an anonymous visitor gets a new layout each time");
    }

    private long count(String sql, Object... args) {
        return Await.until("the count", LONG, () -> pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(LONG)
                .iterator().next().getLong(0));
    }

    static JsonPath layout(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/page-layouts").then().statusCode(200).extract().jsonPath();
    }
}
