package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contact policy applied to one person (ContactPolicy.DEFAULT: 30 contacts a day across
 * channels, a contact unanswered after a day of grace, five in a row lower the caps, three
 * refusals of a category within 30 days suppress it for 30 days).
 */
class PressureTest {

    private static final ContactPolicy POLICY = ContactPolicy.DEFAULT;

    private static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }

    private static Exposure exposure(String decision, Duration ago, Exposure.Status status) {
        return new Exposure(decision, "offer-" + decision, "web", ago(ago), status);
    }

    private static Pressure pressure(List<Exposure> exposures) {
        return Pressure.of(new ContactHistory(exposures, List.of()), POLICY, "web", NOW);
    }

    private static List<Exposure> contactsWithin(int count, Duration span) {
        List<Exposure> exposures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            exposures.add(new Exposure("d" + i, "o" + i, i % 2 == 0 ? "web" : "app", ago(span.dividedBy(count + 1).multipliedBy(i + 1)),
                    Exposure.Status.ANSWERED));
        }
        return exposures;
    }

    @Test
    void thirtyContactsInADayAcrossChannelsIsTheDailyCap() {
        assertNull(pressure(contactsWithin(29, Duration.ofDays(1))).contactBlocked());
        assertEquals("Contact cap reached: at most 30 per 1 day across channels",
                pressure(contactsWithin(30, Duration.ofDays(1))).contactBlocked());
    }

    @Test
    void contactsOlderThanADayDoNotCountAgainstTheDailyCap() {
        List<Exposure> older = new ArrayList<>();
        for (Exposure e : contactsWithin(30, Duration.ofDays(1))) {
            older.add(new Exposure(e.decisionId(), e.offerId(), e.channel(), e.at().minus(Duration.ofDays(1)), e.status()));
        }
        assertNull(pressure(older).contactBlocked());
    }

    @Test
    void aContactExactlyOneGraceOldCountsAsUnanswered() {
        List<Exposure> silent = new ArrayList<>();
        silent.add(exposure("d0", Duration.ofDays(1), Exposure.Status.SHOWN));
        for (int i = 1; i < 5; i++) {
            silent.add(exposure("d" + i, Duration.ofDays(1 + i), Exposure.Status.SHOWN));
        }
        assertEquals(5, pressure(silent).unanswered());
        assertEquals(1, pressure(silent).level());
        silent.set(0, exposure("d0", Duration.ofDays(1).minusSeconds(1), Exposure.Status.SHOWN));
        assertEquals(4, pressure(silent).unanswered());
        assertEquals(0, pressure(silent).level());
    }

    @Test
    void aContactDatesFromItsLatestImpression() {
        // d1 showed one offer three days ago and another two hours ago: it is two hours old, still in its grace
        List<Exposure> exposures = new ArrayList<>();
        exposures.add(new Exposure("d1", "a", "web", ago(Duration.ofHours(2)), Exposure.Status.SHOWN));
        for (int i = 2; i <= 5; i++) {
            exposures.add(exposure("d" + i, Duration.ofDays(i), Exposure.Status.SHOWN));
        }
        exposures.add(new Exposure("d1", "b", "web", ago(Duration.ofDays(3)), Exposure.Status.SHOWN));
        assertEquals(4, pressure(exposures).unanswered());
    }

    @Test
    void aContactAnsweredOnAnyOfItsOffersIsAnswered() {
        List<Exposure> exposures = new ArrayList<>();
        exposures.add(new Exposure("d1", "a", "web", ago(Duration.ofDays(2)), Exposure.Status.DECLINED));
        exposures.add(new Exposure("d1", "b", "web", ago(Duration.ofDays(3)), Exposure.Status.SHOWN));
        for (int i = 4; i <= 8; i++) {
            exposures.add(exposure("d" + i, Duration.ofDays(i), Exposure.Status.SHOWN));
        }
        assertEquals(0, pressure(exposures).unanswered(), "the newest contact was answered: the silence before it is forgiven");
    }

    @Test
    void theOrderTheHistoryArrivesInDoesNotMatter() {
        List<Exposure> exposures = new ArrayList<>();
        exposures.add(exposure("old-answer", Duration.ofDays(10), Exposure.Status.ANSWERED));
        for (int i = 2; i <= 6; i++) {
            exposures.add(exposure("d" + i, Duration.ofDays(i), Exposure.Status.SHOWN));
        }
        assertEquals(5, pressure(exposures).unanswered());
    }

    @Test
    void categoryRefusalsInAnyOrderSuppressUntilThirtyDaysAfterTheLatest() {
        List<ContactHistory.Refusal> refusals = List.of(
                new ContactHistory.Refusal("r1", "credit", ago(Duration.ofDays(20))),
                new ContactHistory.Refusal("r2", "credit", ago(Duration.ofDays(1))),
                new ContactHistory.Refusal("r3", "credit", ago(Duration.ofDays(5))));
        Pressure pressure = Pressure.of(new ContactHistory(List.of(), refusals), POLICY, "web", NOW);
        DroppedOffer blocked = pressure.blocked(offer("loan", "credit", Set.of(), Set.of(), 10), 0.5);
        assertEquals(new DroppedOffer("loan", DroppedOffer.Reason.SUPPRESSED,
                "offers of category 'credit' refused 3 times within 30 days: suppressed until " + ago(Duration.ofDays(1)).plus(Duration.ofDays(30)),
                0.5), blocked);
    }

    @Test
    void refusalsSpanningExactlyTheWindowStillSuppress() {
        List<ContactHistory.Refusal> refusals = List.of(
                new ContactHistory.Refusal("r1", "credit", ago(Duration.ofDays(1))),
                new ContactHistory.Refusal("r2", "credit", ago(Duration.ofDays(10))),
                new ContactHistory.Refusal("r3", "credit", ago(Duration.ofDays(31))));
        Pressure pressure = Pressure.of(new ContactHistory(List.of(), refusals), POLICY, "web", NOW);
        assertEquals(DroppedOffer.Reason.SUPPRESSED, pressure.blocked(offer("loan", "credit", Set.of(), Set.of(), 10), 0.5).reason());

        List<ContactHistory.Refusal> wider = List.of(refusals.get(0), refusals.get(1),
                new ContactHistory.Refusal("r3", "credit", ago(Duration.ofDays(31).plusSeconds(1))));
        assertNull(Pressure.of(new ContactHistory(List.of(), wider), POLICY, "web", NOW)
                .blocked(offer("loan", "credit", Set.of(), Set.of(), 10), 0.5));
    }
}
