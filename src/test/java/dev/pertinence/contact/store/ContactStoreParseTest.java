package dev.pertinence.contact.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.decision.ContactHistory;
import dev.pertinence.decision.Exposure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the person's sorted set as RESP2 and RESP3 deliver it. */
class ContactStoreParseTest {

    @Test
    void scoresAreReadWhetherTheyArriveAsIntegersOrAsDoubles() {
        assertEquals(1764026453836L, ContactStore.millis("1764026453836"));
        assertEquals(1764026453836L, ContactStore.millis("1.764026453836E12"));
        assertEquals(5L, ContactStore.millis("5.0"));
    }

    @Test
    void membersBecomeExposuresAndARefusedOneARefusalOfItsCategory() {
        List<String[]> members = List.of(
                new String[] {"d1|loan|email|r", "1000"},
                new String[] {"d2|card|web|s", "3000"},
                new String[] {"d2|trip|web|x", "2.0E3"},
                new String[] {"d3|loan|sms|+", "4000"},
                new String[] {"~v", "7"},
                new String[] {"garbage", "5000"});
        ContactHistory history = ContactStore.parse(members, offer -> offer.equals("trip") ? "travel" : null);
        assertEquals(List.of("d3", "d2", "d2", "d1"), history.exposures().stream().map(Exposure::decisionId).toList());
        assertEquals(List.of(Exposure.Status.ANSWERED, Exposure.Status.SHOWN, Exposure.Status.DECLINED, Exposure.Status.RESERVED),
                history.exposures().stream().map(Exposure::status).toList());
        assertEquals("email", history.exposures().get(3).channel());
        assertEquals(List.of(new ContactHistory.Refusal("trip", "travel", Instant.ofEpochMilli(2000))), history.refusals());
    }
}
