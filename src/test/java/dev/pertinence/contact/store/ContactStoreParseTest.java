package dev.pertinence.contact.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.common.redis.Replies;
import dev.pertinence.decision.ContactHistory;
import dev.pertinence.decision.Exposure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the person's sorted set as RESP2 and RESP3 deliver it. */
class ContactStoreParseTest {

    @Test
    void scoresAreReadWhetherTheyArriveAsIntegersOrAsDoubles() {
        assertEquals(1764026453836L, Replies.wholeNumber("1764026453836"));
        assertEquals(1764026453836L, Replies.wholeNumber("1.764026453836E12"));
        assertEquals(5L, Replies.wholeNumber("5.0"));
    }

    @Test
    void membersBecomeExposuresAndARefusedOneARefusalOfItsCategory() {
        List<Replies.Scored> members = List.of(
                new Replies.Scored("d1|loan|email|r", Replies.wholeNumber("1000")),
                new Replies.Scored("d2|card|web|s", Replies.wholeNumber("3000")),
                new Replies.Scored("d2|trip|web|x", Replies.wholeNumber("2.0E3")),
                new Replies.Scored("d3|loan|sms|+", Replies.wholeNumber("4000")),
                new Replies.Scored("~v", Replies.wholeNumber("7")),
                new Replies.Scored("garbage", Replies.wholeNumber("5000")));
        ContactHistory history = ContactStore.parse(members, offer -> offer.equals("trip") ? "travel" : null);
        assertEquals(List.of("d3", "d2", "d2", "d1"), history.exposures().stream().map(Exposure::decisionId).toList());
        assertEquals(List.of(Exposure.Status.ANSWERED, Exposure.Status.SHOWN, Exposure.Status.DECLINED, Exposure.Status.RESERVED),
                history.exposures().stream().map(Exposure::status).toList());
        assertEquals("email", history.exposures().get(3).channel());
        assertEquals(List.of(new ContactHistory.Refusal("trip", "travel", Instant.ofEpochMilli(2000))), history.refusals());
    }
}
