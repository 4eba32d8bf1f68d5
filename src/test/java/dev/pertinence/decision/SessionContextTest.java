package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The moment of a decision and what it knows of the products in the session; the person without their profile. */
class SessionContextTest {

    private static final ZonedDateTime EVENING = ZonedDateTime.of(2026, 11, 24, 18, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void anOutboundMomentHasNothingInSession() {
        assertEquals(new SessionContext("email", "newsletter", EVENING, List.of(), null, Map.of(), null, null, null, null),
                SessionContext.at("email", "newsletter", EVENING));
    }

    @Test
    void aProductIsNamedByItsSkuWhenItsNameIsUnknown() {
        SessionContext context = new SessionContext("web", "home", EVENING, List.of("a", "b"), null,
                Map.of("a", new SessionContext.ProductInfo("Pan", "kitchen"), "b", new SessionContext.ProductInfo(null, null)),
                null, null, null, null);
        assertEquals("Pan", context.nameOf("a"));
        assertEquals("b", context.nameOf("b"));
        assertEquals("c", context.nameOf("c"));
        assertEquals("kitchen", context.categoryOf("a"));
        assertNull(context.categoryOf("b"));
        assertNull(context.categoryOf("c"));
    }

    @Test
    void theSessionsSkusAreTheCartThenTheViewedProductOnce() {
        assertEquals(List.of("a", "b", "v"), new SessionContext("web", "home", EVENING, List.of("a", "b"), "v", Map.of(),
                null, null, null, null).sessionSkus());
        assertEquals(List.of("a", "b"), new SessionContext("web", "home", EVENING, List.of("a", "b"), "b", Map.of(),
                null, null, null, null).sessionSkus());
        assertEquals(List.of("v"), new SessionContext("web", "home", EVENING, List.of(), "v", Map.of(),
                null, null, null, null).sessionSkus());
        assertEquals(List.of(), SessionContext.at("web", "home", EVENING).sessionSkus());
    }

    @Test
    void anotherChannelOrLabelledProductsChangeNothingElse() {
        SessionContext context = new SessionContext("web", "home", EVENING, List.of("a"), "v", Map.of(), 48.85, 2.35, "s1", "ios");
        assertEquals(new SessionContext("sms", "home", EVENING, List.of("a"), "v", Map.of(), 48.85, 2.35, "s1", "ios"),
                context.onChannel("sms"));
        Map<String, SessionContext.ProductInfo> labels = Map.of("a", new SessionContext.ProductInfo("Pan", "kitchen"));
        assertEquals(new SessionContext("web", "home", EVENING, List.of("a"), "v", labels, 48.85, 2.35, "s1", "ios"),
                context.withProducts(labels));
    }

    @Test
    void withoutTheirProfileAPersonKeepsOnlyTheirId() {
        CustomerProfile jeanne = Fixtures.customer("c1", List.of("gold"));
        assertEquals(new CustomerProfile("c1", null, null, null, null, null, null, List.of(), null, null, null),
                jeanne.withoutProfile());
    }

    @Test
    void aPlainMessageIsTheSameForEveryone() {
        MessageTemplate plain = MessageTemplate.plain("Free delivery this week");
        assertEquals("Free delivery this week", plain.render(MessageFields.neutral()));
        assertEquals("Free delivery this week",
                plain.render(MessageFields.of(Fixtures.customer("c1", List.of()), MessageFields.Reliability.DECLARED, null)));
    }
}
