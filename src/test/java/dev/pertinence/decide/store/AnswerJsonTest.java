package dev.pertinence.decide.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.decide.DecisionResult;
import dev.pertinence.decide.PastDecision;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.SessionContext;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The audit's JSON, written by hand: any text a marketer or a caller can put in it reads back as it was. */
class AnswerJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote \" and backslash \\ and slash /", "new\nline\r\ttab", "bell \u0007 and \u001f",
            "accents é ü and emoji 🎉", "</script><b>", "\u2028 line separator", "ends with backslash \\"})
    void anyTextReadsBackAsItWas(String text) throws Exception {
        String json = AnswerJson.write(result(text, text, List.of(text, "second"), context(text)));
        JSON.readTree(json); // valid JSON, as PostgreSQL's json type will want it
        JsonObject answer = new JsonObject(json);
        PastDecision.Shown shown = AnswerJson.shown(answer).get(0);
        assertEquals(text, shown.title());
        assertEquals(text, shown.message());
        assertEquals(List.of(text, "second"), shown.reasons());
        assertEquals(text, AnswerJson.context(answer).device());
        assertEquals(List.of("note " + text), AnswerJson.notes(answer));
    }

    @Test
    void aNulIsDroppedSincePostgresqlTextCannotHoldIt() throws Exception {
        String json = AnswerJson.write(result("a\u0000b", "m", List.of(), context("d")));
        JSON.readTree(json);
        assertEquals("ab", AnswerJson.shown(new JsonObject(json)).get(0).title());
    }

    @Test
    void everyFieldIsKeptAndAbsentOnesStayAbsent() {
        JsonObject answer = new JsonObject(AnswerJson.write(result("T", "M", List.of("why"), context("phone"))));
        PastDecision.Context context = AnswerJson.context(answer);
        assertEquals(OffsetDateTime.parse("2026-11-27T18:45:00+01:00"), context.time());
        assertEquals("+01:00", context.time().getOffset().toString());
        assertEquals(List.of("sku-1", "sku-2"), context.cart());
        assertEquals("sku-3", context.currentProduct());
        assertEquals(48.8566, context.latitude());
        assertEquals(2.3522, context.longitude());
        assertEquals("store-7", context.storeId());
        PastDecision.Shown shown = AnswerJson.shown(answer).get(0);
        assertEquals(new PastDecision.Factors(0.25, 0.5, 0.125, 1.5, 7.0, 1.2, 1.3, 0.5), shown.factors());
        assertEquals("cat", shown.category());
        assertTrue(shown.explored());
        assertEquals(List.of("redis"), AnswerJson.degraded(answer));

        SessionContext bare = SessionContext.at("web", "home", ZonedDateTime.parse("2026-11-27T17:45:00Z"));
        JsonObject minimal = new JsonObject(AnswerJson.write(result("T", null, List.of(), bare)));
        PastDecision.Context none = AnswerJson.context(minimal);
        assertEquals(List.of(), none.cart());
        assertNull(none.currentProduct());
        assertNull(none.latitude());
        assertNull(none.device());
        assertNull(AnswerJson.shown(minimal).get(0).message());
        assertEquals(List.of(), AnswerJson.shown(minimal).get(0).reasons());
    }

    @Test
    void threeOffersWithReasonsTakeAboutSixHundredBytes() {
        String json = AnswerJson.write(new DecisionResult(UUID.randomUUID(), "c-42", "web", "home", "gold", "v1",
                Instant.now(), new Decision(List.of(ranked(1, "Root vegetable box, -20 %", "Seasonal roots for your soups"),
                        ranked(2, "Yogurt 2 for 1", "Two packs for the price of one"), ranked(3, "Craft beer pack", "Six local beers")),
                        List.of(), 0, List.of(), null), List.of(), List.of(), 3, null, null,
                SessionContext.at("web", "home", ZonedDateTime.parse("2026-11-27T18:45:00+01:00"))));
        assertTrue(json.length() > 400 && json.length() < 800, json.length() + " bytes: " + json);
    }

    private static RankedOffer ranked(int rank, String title, String message) {
        CandidateOffer offer = new CandidateOffer("offer-" + rank, title, message, "vegetables", Set.of(), Set.of(), null, null, 8.0,
                1.0, null, null, null);
        return new RankedOffer(offer, rank, 0.0345678912345, 0.0431, 0.431, 0.0123, 1.0, 1.3, 1.0,
                List.of("Bought Herbs yesterday: 43 % of baskets with it also hold root-vegetables (lift 3.9)"), message, 1.0, false);
    }

    private static SessionContext context(String device) {
        return new SessionContext("web", "home", ZonedDateTime.parse("2026-11-27T18:45:00+01:00"), List.of("sku-1", "sku-2"),
                "sku-3", Map.of(), 48.8566, 2.3522, "store-7", device);
    }

    private static DecisionResult result(String title, String message, List<String> reasons, SessionContext context) {
        CandidateOffer offer = new CandidateOffer("o-1", title, message, "cat", Set.of(), Set.of(), null, null, 7.0, 1.2, null, null,
                null);
        RankedOffer ranked = new RankedOffer(offer, 1, 0.42, 0.25, 0.5, 0.125, 1.5, 1.3, 0.5, reasons, message, 1.2, true);
        return new DecisionResult(UUID.randomUUID(), "c-1", "web", "home", "gold", "v1", Instant.now(),
                new Decision(List.of(ranked), List.of(), 0, List.of("note " + title), null), List.of("note " + title),
                List.of("redis"), 1, null, null, context);
    }
}
