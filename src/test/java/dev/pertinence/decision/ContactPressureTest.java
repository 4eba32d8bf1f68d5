package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.emptySession;
import static dev.pertinence.decision.Fixtures.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Popularity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contact policy and live learning in the pure core: caps, suppression, adaptive pressure, novelty, lift. */
class ContactPressureTest {

    private static final ContactPolicy POLICY = ContactPolicy.DEFAULT;
    private static final CandidateOffer LOAN = offer("loan", "credit", Set.of(), Set.of(), 10);
    private static final CandidateOffer CARD = offer("card", "credit", Set.of(), Set.of(), 8);
    private static final CandidateOffer TRIP = offer("trip", "travel", Set.of(), Set.of(), 5);
    private static final List<CandidateOffer> OFFERS = List.of(LOAN, CARD, TRIP);

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT, POLICY);

    private static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }

    private static Exposure shown(String decision, String offer, String channel, Instant at, Exposure.Status status) {
        return new Exposure(decision, offer, channel, at, status);
    }

    private Decision decide(String channel, ContactHistory history, LearnedResponses learned, boolean explain) {
        SessionContext session = new SessionContext(channel, "home", NOW.atZone(ZoneOffset.UTC), List.of(), null, Map.of(),
                null, null, null, null);
        CandidateSet candidates = CandidateSet.of(OFFERS, Popularity.NONE, ScoringPolicy.DEFAULT, LearnedResponses.NONE, "gold");
        return engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), session, Map.of(), true,
                candidates, 3, explain, true, history, learned));
    }

    private static List<String> ids(Decision decision) {
        return decision.offers().stream().map(o -> o.offer().id()).toList();
    }

    @Test
    void aCapThatWouldFallBelowOneStretchesItsWindowInstead() {
        Cap weekly = new Cap(1, Duration.ofDays(7));
        assertEquals(weekly, POLICY.stretched(weekly, 0));
        assertEquals(new Cap(1, Duration.ofDays(14)), POLICY.stretched(weekly, 1));
        assertEquals(new Cap(1, Duration.ofDays(28)), POLICY.stretched(weekly, 2));
        Cap daily = new Cap(30, Duration.ofDays(1));
        assertEquals(new Cap(15, Duration.ofDays(1)), POLICY.stretched(daily, 1));
        assertEquals(new Cap(7, Duration.ofDays(1)), POLICY.stretched(daily, 2));
    }

    @Test
    void oneEmailAWeekHoldsAndTheNoteSaysWhy() {
        ContactHistory history = new ContactHistory(List.of(
                shown("d1", "trip", "email", ago(Duration.ofDays(6)), Exposure.Status.SHOWN)), List.of());
        Decision decision = decide("email", history, LearnedResponses.NONE, false);
        assertEquals(List.of(), decision.offers());
        assertTrue(decision.notes().contains("Contact cap reached: at most 1 per 7 days on email"), decision.notes().toString());

        ContactHistory weekOld = new ContactHistory(List.of(
                shown("d1", "trip", "email", ago(Duration.ofDays(7).plusMinutes(1)), Exposure.Status.SHOWN)), List.of());
        assertEquals(3, decide("email", weekOld, LearnedResponses.NONE, false).offers().size());
    }

    @Test
    void aReservationCountsOnlyWhileItsHoldLasts() {
        ContactHistory fresh = new ContactHistory(List.of(
                shown("d1", "loan", "email", ago(Duration.ofMinutes(1)), Exposure.Status.RESERVED)), List.of());
        assertEquals(List.of(), decide("email", fresh, LearnedResponses.NONE, false).offers());
        ContactHistory lapsed = new ContactHistory(List.of(
                shown("d1", "loan", "email", ago(Duration.ofMinutes(3)), Exposure.Status.RESERVED)), List.of());
        assertEquals(3, decide("email", lapsed, LearnedResponses.NONE, false).offers().size());
    }

    @Test
    void anOfferShownThreeTimesThisWeekIsCapped() {
        List<Exposure> exposures = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            exposures.add(shown("d" + i, "loan", "web", ago(Duration.ofDays(i)), Exposure.Status.ANSWERED));
        }
        Decision decision = decide("web", new ContactHistory(exposures, List.of()), LearnedResponses.NONE, true);
        assertEquals(List.of("card", "trip"), ids(decision));
        DroppedOffer capped = decision.dropped().stream().filter(d -> d.offerId().equals("loan")).findFirst().orElseThrow();
        assertEquals(DroppedOffer.Reason.CAPPED, capped.reason());
        assertEquals("shown 3 times to this person: at most 3 per 7 days", capped.detail());
    }

    @Test
    void anOffersOwnFrequencyCapReplacesTheDefault() {
        CandidateOffer rare = new CandidateOffer("rare", "Rare", "m", "rare", Set.of(), Set.of(), null, null, 20, 1,
                EligibilityRule.ALWAYS, new Cap(1, Duration.ofDays(14)));
        List<Exposure> history = List.of(shown("d1", "rare", "web", ago(Duration.ofDays(10)), Exposure.Status.SHOWN),
                shown("d1", "loan", "web", ago(Duration.ofDays(10)), Exposure.Status.SHOWN));
        SessionContext session = new SessionContext("web", "home", NOW.atZone(ZoneOffset.UTC), List.of(), null, Map.of(),
                null, null, null, null);
        Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), session, Map.of(), true,
                CandidateSet.of(List.of(rare, LOAN), Popularity.NONE, ScoringPolicy.DEFAULT), 3, true, true,
                new ContactHistory(history, List.of()), LearnedResponses.NONE));
        assertEquals(List.of("loan"), ids(decision), "ten days ago: past the default 7, within rare's 14");
        assertEquals("shown 1 times to this person: at most 1 per 14 days", decision.dropped().get(0).detail());
    }

    @Test
    void oneRefusalSuppressesTheOfferForThePeriodThenItReturns() {
        ContactHistory refused = new ContactHistory(List.of(),
                List.of(new ContactHistory.Refusal("loan", "credit", ago(Duration.ofDays(29)))));
        Decision decision = decide("web", refused, LearnedResponses.NONE, true);
        assertEquals(List.of("card", "trip"), ids(decision));
        DroppedOffer suppressed = decision.dropped().get(0);
        assertEquals(DroppedOffer.Reason.SUPPRESSED, suppressed.reason());
        assertTrue(suppressed.detail().startsWith("refused once: suppressed until "), suppressed.detail());

        ContactHistory longAgo = new ContactHistory(List.of(),
                List.of(new ContactHistory.Refusal("loan", "credit", ago(Duration.ofDays(31)))));
        assertEquals(List.of("loan", "card", "trip"), ids(decide("web", longAgo, LearnedResponses.NONE, false)));
    }

    @Test
    void whenEverythingIsSuppressedOrCappedTheNoteSaysSo() {
        List<ContactHistory.Refusal> refusals = List.of(new ContactHistory.Refusal("loan", "credit", ago(Duration.ofDays(1))),
                new ContactHistory.Refusal("card", "credit", ago(Duration.ofDays(1))),
                new ContactHistory.Refusal("trip", "travel", ago(Duration.ofDays(1))));
        Decision decision = decide("web", new ContactHistory(List.of(), refusals), LearnedResponses.NONE, false);
        assertEquals(List.of(), decision.offers());
        assertTrue(decision.notes().contains("Every offer left for this person is capped or suppressed by their contact history"),
                decision.notes().toString());
    }

    @Test
    void threeRefusalsInACategorySuppressTheWholeCategory() {
        List<ContactHistory.Refusal> refusals = List.of(
                new ContactHistory.Refusal("old-credit-1", "credit", ago(Duration.ofDays(1))),
                new ContactHistory.Refusal("old-credit-2", "credit", ago(Duration.ofDays(5))),
                new ContactHistory.Refusal("old-credit-3", "credit", ago(Duration.ofDays(20))));
        Decision decision = decide("web", new ContactHistory(List.of(), refusals), LearnedResponses.NONE, true);
        assertEquals(List.of("trip"), ids(decision));
        assertTrue(decision.dropped().get(0).detail().startsWith("offers of category 'credit' refused 3 times within 30 days"));

        List<ContactHistory.Refusal> spread = List.of(refusals.get(0), refusals.get(1),
                new ContactHistory.Refusal("old-credit-3", "credit", ago(Duration.ofDays(40))));
        assertEquals(3, decide("web", new ContactHistory(List.of(), spread), LearnedResponses.NONE, false).offers().size());
    }

    @Test
    void silenceLowersTheCapsAndOneAnswerRestoresThem() {
        List<Exposure> silent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            silent.add(shown("s" + i, "trip", "web", ago(Duration.ofDays(2 + i)), Exposure.Status.SHOWN));
        }
        silent.add(shown("young", "trip", "web", ago(Duration.ofHours(2)), Exposure.Status.SHOWN)); // within the grace
        Pressure pressure = Pressure.of(new ContactHistory(silent, List.of()), POLICY, "email", NOW);
        assertEquals(5, pressure.unanswered());
        assertEquals(1, pressure.level());
        assertEquals(new Cap(1, Duration.ofDays(14)), pressure.caps().channel());
        assertEquals(new Cap(15, Duration.ofDays(1)), pressure.caps().daily());

        List<Exposure> answered = new ArrayList<>(silent);
        answered.add(0, shown("yes", "loan", "web", ago(Duration.ofHours(1)), Exposure.Status.ANSWERED));
        Pressure responsive = Pressure.of(new ContactHistory(answered, List.of()), POLICY, "email", NOW);
        assertEquals(0, responsive.level());
        assertEquals(new Cap(1, Duration.ofDays(7)), responsive.caps().channel());
    }

    @Test
    void anEmailEightDaysAgoStillCountsForASilentPerson() {
        List<Exposure> history = new ArrayList<>();
        history.add(shown("e1", "trip", "email", ago(Duration.ofDays(8)), Exposure.Status.SHOWN));
        for (int i = 0; i < 5; i++) {
            history.add(shown("w" + i, "trip", "web", ago(Duration.ofDays(9 + i)), Exposure.Status.SHOWN));
        }
        Decision decision = decide("email", new ContactHistory(history, List.of()), LearnedResponses.NONE, false);
        assertEquals(List.of(), decision.offers());
        assertTrue(decision.notes().stream().anyMatch(n -> n.equals(
                "Contact cap reached: at most 1 per 14 days on email (lowered: no response to the last 6 contacts)")),
                decision.notes().toString());
    }

    @Test
    void anOfferSeenWithoutAnswerLosesNoveltyWhichRecovers() {
        ContactHistory justSeen = new ContactHistory(List.of(
                shown("d1", "loan", "web", NOW, Exposure.Status.SHOWN)), List.of());
        Decision decision = decide("web", justSeen, LearnedResponses.NONE, false);
        assertEquals(List.of("card", "loan", "trip"), ids(decision)); // 10 × 0.5 < 8
        RankedOffer loan = decision.offers().get(1);
        assertEquals(0.5, loan.novelty(), 1e-9);
        assertTrue(loan.reasons().contains("Shown 1 time lately without a response: novelty 0.50"), loan.reasons().toString());

        Pressure twoDaysLater = Pressure.of(new ContactHistory(List.of(
                shown("d1", "loan", "web", ago(Duration.ofDays(2)), Exposure.Status.SHOWN)), List.of()), POLICY, "web", NOW);
        assertEquals(0.75, twoDaysLater.novelty("loan"), 1e-9);
        Pressure answered = Pressure.of(new ContactHistory(List.of(
                shown("d1", "loan", "web", NOW, Exposure.Status.ANSWERED)), List.of()), POLICY, "web", NOW);
        assertEquals(1.0, answered.novelty("loan"), 1e-9);
    }

    @Test
    void theBetaPriorKeepsNewOffersLevelAndLetsProvenOnesRise() {
        ScoringPolicy policy = ScoringPolicy.DEFAULT;
        assertEquals(1.0, policy.learnedLift(LearnedResponses.Counts.NONE), 1e-9);
        assertEquals(2.0 / 21 / 0.05, policy.learnedLift(new LearnedResponses.Counts(1, 1)), 1e-9);
        assertEquals(1.0 / 120 / 0.05, policy.learnedLift(new LearnedResponses.Counts(100, 0)), 1e-9);
        assertEquals(policy.learnedLift(new LearnedResponses.Counts(3, 3)), policy.learnedLift(new LearnedResponses.Counts(0, 3)), 1e-9);
    }

    @Test
    void anOfferWhoseCountsChangedAfterTheCandidatesWerePreparedIsRescored() {
        MutableLearning learning = new MutableLearning();
        SessionContext session = emptySession();
        CandidateSet prepared = CandidateSet.of(OFFERS, Popularity.NONE, ScoringPolicy.DEFAULT, learning, "gold");
        learning.set("trip", new LearnedResponses.Counts(10, 8)); // after the set was prepared
        Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), session, Map.of(),
                true, prepared, 3, false, true, ContactHistory.NONE, learning));
        assertEquals("trip", decision.offers().get(0).offer().id());
        RankedOffer trip = decision.offers().get(0);
        assertEquals(9.0 / 30 / 0.05, trip.learnedLift(), 1e-9);
        assertTrue(trip.reasons().contains("Accepted in 8 of 10 impressions in segment gold: learned lift 6.0"),
                trip.reasons().toString());
    }

    @Test
    void aConcurrentReservationWithdrawsOnlyWhatItLost() {
        Decision decision = decide("web", ContactHistory.NONE, LearnedResponses.NONE, false);
        Decision kept = decision.reserved(Set.of("loan", "trip"));
        assertEquals(List.of("loan", "trip"), ids(kept));
        assertEquals(List.of(1, 2), kept.offers().stream().map(RankedOffer::rank).toList());
        assertTrue(kept.notes().contains("1 offer(s) withdrawn: a concurrent decision reached a contact cap first"));
        assertNull(Pressure.of(ContactHistory.NONE, POLICY, "web", NOW).contactBlocked());
    }

    /** Learned counts that change under a prepared candidate set, as outcomes arrive. */
    private static final class MutableLearning implements LearnedResponses {
        private final Map<String, Counts> counts = new java.util.HashMap<>();
        private final List<String> log = new ArrayList<>();

        void set(String offerId, Counts value) {
            counts.put(offerId, value);
            log.add(offerId);
        }

        @Override
        public Counts counts(String offerId, String segment) {
            return counts.getOrDefault(offerId, Counts.NONE);
        }

        @Override
        public long version() {
            return log.size();
        }

        @Override
        public Set<String> changedSince(long version) {
            return Set.copyOf(log.subList((int) version, log.size()));
        }
    }
}
