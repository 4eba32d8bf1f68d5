package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {

    private static final ConsentPolicy POLICY = ConsentPolicy.DEFAULT;

    @Test
    void aChannelThatReachesThePersonNeedsTheirConsent() {
        Consents emailOnly = new Consents(Map.of("offers:email", true, "offers:sms", false));
        assertNull(POLICY.offersRefused(emailOnly, "email"));
        assertEquals("Offers on sms refused by the customer: nothing proposed", POLICY.offersRefused(emailOnly, "sms"));
        assertEquals("No consent to offers on push recorded: nothing proposed", POLICY.offersRefused(emailOnly, "store"));
        assertNull(POLICY.offersRefused(Consents.NONE, "web"), "the website needs no channel consent");
    }

    @Test
    void consentsThatCouldNotBeReadAreNotAssumed() {
        assertEquals("Consent could not be checked (profile unavailable): nothing proposed on email",
                POLICY.offersRefused(null, "email"));
        assertEquals("Consent could not be checked (profile unavailable): nothing proposed on phone",
                POLICY.offersRefused(null, "call_centre"));
        assertNull(POLICY.offersRefused(null, "web"));
        assertNull(new ConsentPolicy(Map.of("email", "email"), true, true).offersRefused(Consents.NONE, "email"),
                "assume-offers: an unanswered question counts as granted, an unreadable one never does");
        assertEquals("Consent could not be checked (profile unavailable): nothing proposed on email",
                new ConsentPolicy(Map.of("email", "email"), true, true).offersRefused(null, "email"));
    }

    @Test
    void profilingNeedsConsentUnlessConfiguredOtherwise() {
        assertEquals("No consent to profiling recorded", POLICY.profilingRefusal(Consents.NONE));
        assertEquals("Profiling refused by the customer", POLICY.profilingRefusal(new Consents(Map.of("profiling:*", false))));
        assertTrue(POLICY.profilingAllowed(new Consents(Map.of("profiling:*", true))));
        ConsentPolicy assuming = new ConsentPolicy(Map.of(), false, true);
        assertTrue(assuming.profilingAllowed(Consents.NONE));
        assertFalse(assuming.profilingAllowed(new Consents(Map.of("profiling:*", false))), "an explicit refusal wins");
    }
}
