package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.bought;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.emptySession;
import static dev.pertinence.decision.Fixtures.neighbour;
import static dev.pertinence.decision.Fixtures.offer;
import static dev.pertinence.decision.Fixtures.session;
import static dev.pertinence.decision.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionEngineTest {

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private static final Map<String, List<Neighbour>> CAMERA_NEIGHBOURS = Map.of(
            "sku-camera", List.of(neighbour("sku-prints", "photo", 0.4, 3.9), neighbour("sku-sd", "storage", 0.2, 2.0)));
    private static final CandidateOffer PRINTS = offer("prints", "photo", Set.of("sku-prints"), Set.of(), 10);
    private static final CandidateOffer SOCKS = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 10);
    private static final CandidateOffer STORAGE = offer("storage", "storage", Set.of(), Set.of("storage"), 10);

    private Decision decideFor(List<PastPurchase> history, List<CandidateOffer> offers, int limit) {
        return engine.decide(snapshot(customer("c1", List.of()), history, emptySession(), CAMERA_NEIGHBOURS,
                Popularity.NONE, offers, limit, false));
    }

    @Test
    void aComplementOfARecentPurchaseComesFirstWithItsReason() {
        Decision decision = decideFor(List.of(bought("sku-camera", "Digital camera", "photo", 3)), List.of(SOCKS, PRINTS, STORAGE), 3);
        assertEquals(List.of("prints", "storage", "socks"), decision.offers().stream().map(o -> o.offer().id()).toList());
        RankedOffer first = decision.offers().get(0);
        assertEquals(1, first.rank());
        assertEquals("Bought Digital camera 3 days ago: 40 % of baskets with it also hold sku-prints (lift 3.9)", first.reasons().get(0));
        assertTrue(first.reasons().contains("Business value 10 × lever 1"));
        assertTrue(decision.notes().isEmpty());
    }

    @Test
    void theScoreIsPropensityTimesValueTimesLeverTimesContext() {
        // bought 30 days ago = one half-life: weight 0.5, confidence 0.4 -> affinity 0.2; no popularity
        Decision decision = decideFor(List.of(bought("sku-camera", "Camera", "photo", 30)),
                List.of(Fixtures.withLever(PRINTS, 1.5)), 1);
        RankedOffer ranked = decision.offers().get(0);
        assertEquals(0.2, ranked.affinity(), 1e-9);
        assertEquals(0.2, ranked.propensity(), 1e-9);
        assertEquals(0.2 * 10 * 1.5 * 1.0, ranked.score(), 1e-9);
    }

    @ParameterizedTest(name = "bought {0} days ago scores {1}")
    @CsvSource({"0, 4.0", "30, 2.0", "60, 1.0", "365, 0.1"})
    void evidenceFadesWithAHalfLifeOfThirtyDays(int daysAgo, double expectedScore) {
        Decision decision = decideFor(List.of(bought("sku-camera", "Camera", "photo", daysAgo)), List.of(PRINTS), 1);
        // 0.4 × 0.5^(days/30) × value 10, floored at base propensity 0.01 × 10
        assertEquals(expectedScore, decision.offers().get(0).score(), 1e-3);
    }

    @Test
    void severalEvidenceItemsCombineAsANoisyOr() {
        Map<String, List<Neighbour>> neighbours = Map.of(
                "a", List.of(neighbour("t", null, 0.5, 2)), "b", List.of(neighbour("t", null, 0.5, 2)));
        Decision decision = engine.decide(snapshot(customer("c1", List.of()),
                List.of(bought("a", "A", null, 0), bought("b", "B", null, 0)), emptySession(), neighbours, Popularity.NONE,
                List.of(offer("o", null, Set.of("t"), Set.of(), 1)), 1, false));
        assertEquals(0.75, decision.offers().get(0).affinity(), 1e-9);
    }

    @Test
    void aCategoryTargetIsReachedThroughNeighboursOfThatCategoryWithoutCountingTwice() {
        CandidateOffer both = offer("both", "photo", Set.of("sku-prints"), Set.of("photo"), 10);
        Decision decision = decideFor(List.of(bought("sku-camera", "Camera", "photo", 0)), List.of(both), 1);
        assertEquals(0.4, decision.offers().get(0).affinity(), 1e-9);
    }

    @Test
    void coldStartRanksByPopularityAndSaysSo() {
        Popularity popularity = new Popularity(Map.of("sku-socks", 0.2, "sku-prints", 0.02), Map.of());
        Decision decision = engine.decide(snapshot(null, List.of(), emptySession(), Map.of(), popularity,
                List.of(PRINTS, SOCKS), 2, false));
        assertEquals("socks", decision.offers().get(0).offer().id());
        assertEquals(0.5 * 0.2, decision.offers().get(0).propensity(), 1e-9);
        assertTrue(decision.offers().get(0).reasons().contains("Popular: in 20 % of baskets"));
        assertEquals(List.of("Anonymous visitor with an empty session: ranked by popularity and value"), decision.notes());
    }

    @Test
    void anAnonymousCartDrivesAffinityAndTheInMarketBoost() {
        SessionContext cart = session(List.of("sku-camera"), null,
                Map.of("sku-camera", new SessionContext.ProductInfo("Digital camera", "photo")));
        CandidateOffer lens = offer("lens", "lenses", Set.of("sku-lens"), Set.of("photo"), 10);
        Decision decision = engine.decide(snapshot(null, List.of(), cart, CAMERA_NEIGHBOURS, Popularity.NONE,
                List.of(SOCKS, PRINTS, lens), 3, false));
        RankedOffer prints = decision.offers().stream().filter(o -> o.offer().id().equals("prints")).findFirst().orElseThrow();
        assertEquals(0.4, prints.affinity(), 1e-9);
        assertTrue(prints.reasons().get(0).startsWith("Digital camera is in the cart: 40 %"));
        RankedOffer lensRanked = decision.offers().stream().filter(o -> o.offer().id().equals("lens")).findFirst().orElseThrow();
        assertEquals(1.3, lensRanked.contextWeight(), 1e-9);
        assertTrue(lensRanked.reasons().contains("This session is in category photo"));
    }

    @Test
    void oneOfferPerCategoryUnlessAsked() {
        CandidateOffer prints2 = offer("prints-2", "photo", Set.of("sku-prints"), Set.of(), 9);
        List<PastPurchase> history = List.of(bought("sku-camera", "Camera", "photo", 1));
        Decision diverse = engine.decide(snapshot(null, history, emptySession(), CAMERA_NEIGHBOURS, Popularity.NONE,
                List.of(PRINTS, prints2, SOCKS), 2, true));
        assertEquals(List.of("prints", "socks"), diverse.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(DroppedOffer.Reason.SAME_CATEGORY, diverse.dropped().get(0).reason());
        Decision same = engine.decide(new Snapshot(NOW, null, history, emptySession(), CAMERA_NEIGHBOURS,
                true, Fixtures.candidates(List.of(PRINTS, prints2, SOCKS), Popularity.NONE), 2, false, true,
                ContactHistory.NONE, LearnedResponses.NONE));
        assertEquals(List.of("prints", "prints-2"), same.offers().stream().map(o -> o.offer().id()).toList());
    }

    @Test
    void anOfferWhoseRuleFailsGivesWayToTheNext() {
        CandidateOffer excluded = Fixtures.withRule(PRINTS, variables -> RuleVerdict.NOT_ELIGIBLE);
        CandidateOffer broken = Fixtures.withRule(STORAGE, variables -> RuleVerdict.error("no such key: age"));
        Decision decision = engine.decide(snapshot(customer("c1", List.of()), List.of(bought("sku-camera", "Camera", "photo", 1)),
                emptySession(), CAMERA_NEIGHBOURS, Popularity.NONE, List.of(excluded, broken, SOCKS), 1, true));
        assertEquals(List.of("socks"), decision.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(Map.of("prints", DroppedOffer.Reason.RULE_NOT_MET, "storage", DroppedOffer.Reason.RULE_ERROR),
                Map.of(decision.dropped().get(0).offerId(), decision.dropped().get(0).reason(),
                        decision.dropped().get(1).offerId(), decision.dropped().get(1).reason()));
        assertTrue(decision.dropped().get(1).detail().contains("no such key: age"));
    }

    @Test
    void rulesBelowTheCutAreNotEvaluatedUnlessExplaining() {
        AtomicInteger evaluations = new AtomicInteger();
        EligibilityRule counting = variables -> {
            evaluations.incrementAndGet();
            return RuleVerdict.ELIGIBLE;
        };
        List<CandidateOffer> offers = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> Fixtures.withRule(offer("o" + i, "c" + i, Set.of(), Set.of(), 100 - i), counting)).toList();
        Decision quick = engine.decide(snapshot(null, List.of(), emptySession(), Map.of(), Popularity.NONE, offers, 3, false));
        assertEquals(3, quick.offers().size());
        assertEquals(3, evaluations.get());
        assertTrue(quick.dropped().isEmpty());
        Decision explained = engine.decide(snapshot(null, List.of(), emptySession(), Map.of(), Popularity.NONE, offers, 3, true));
        assertEquals(97, explained.droppedTotal());
        assertEquals(DroppedOffer.Reason.BELOW_LIMIT, explained.dropped().get(0).reason());
    }

    @Test
    void aDecisionsRulesSpendOneBudgetAndTheOffersPastItAreDroppedUnevaluated() {
        AtomicInteger evaluations = new AtomicInteger();
        EligibilityRule costlyAndFalse = EligibilityRule.costing(300, variables -> {
            evaluations.incrementAndGet();
            return RuleVerdict.NOT_ELIGIBLE;
        });
        List<CandidateOffer> offers = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> Fixtures.withRule(offer("o" + i, "c" + i, Set.of(), Set.of(), 100 - i), costlyAndFalse)).toList());
        offers.add(offer("free", "c-free", Set.of(), Set.of(), 1)); // no rule: costs nothing, still proposed
        DecisionEngine bounded = new DecisionEngine(ScoringPolicy.DEFAULT, ContactPolicy.DEFAULT, ShowProbabilities.Bounds.DEFAULT, 1_000);
        Decision decision = bounded.decide(snapshot(null, List.of(), emptySession(), Map.of(), Popularity.NONE, offers, 3, true));
        assertEquals(3, evaluations.get(), "300 + 300 + 300 fit in 1,000; a fourth would not");
        assertEquals(List.of("free"), decision.offers().stream().map(o -> o.offer().id()).toList());
        List<DroppedOffer> unevaluated = decision.dropped().stream().filter(d -> d.detail().contains("budget")).toList();
        assertEquals(7, unevaluated.size(), decision.dropped().toString());
        assertTrue(unevaluated.stream().allMatch(d -> d.reason() == DroppedOffer.Reason.RULE_ERROR));
        assertEquals(List.of("o0", "o1", "o2"), decision.dropped().stream().filter(d -> d.reason() == DroppedOffer.Reason.RULE_NOT_MET)
                .map(DroppedOffer::offerId).toList(), "the best-scored offers' rules run first");

        evaluations.set(0);
        new DecisionEngine(ScoringPolicy.DEFAULT, ContactPolicy.DEFAULT, ShowProbabilities.Bounds.DEFAULT, 3_000)
                .decide(snapshot(null, List.of(), emptySession(), Map.of(), Popularity.NONE, offers, 3, true));
        assertEquals(10, evaluations.get(), "exactly the budget: every rule runs");
    }

    @Test
    void offersOutsideTheirWindowAreNotProposed() {
        CandidateOffer future = Fixtures.validBetween(PRINTS, NOW.plus(Duration.ofDays(1)), null);
        CandidateOffer past = Fixtures.validBetween(SOCKS, null, NOW);
        CandidateOffer current = Fixtures.validBetween(STORAGE, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        Decision decision = engine.decide(snapshot(null, List.of(), emptySession(), Map.of(), Popularity.NONE,
                List.of(future, past, current), 3, true));
        assertEquals(List.of("storage"), decision.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(2, decision.dropped().stream().filter(d -> d.reason() == DroppedOffer.Reason.NOT_VALID_NOW).count());
    }

    @Test
    void withoutTheModelTheDecisionStillComesBackAndSaysWhy() {
        Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of()), List.of(bought("sku-camera", "C", "photo", 1)),
                emptySession(), Map.of(), false, Fixtures.candidates(List.of(PRINTS, SOCKS), Popularity.NONE), 2, false, false,
                ContactHistory.NONE, LearnedResponses.NONE));
        assertEquals(2, decision.offers().size());
        assertEquals(List.of("Co-purchase model not available: ranked without co-purchase affinity"), decision.notes());
    }

    @Test
    void theMergedOrderOfTouchedAndUntouchedOffersIsTheFullScoreOrder() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            List<CandidateOffer> offers = new java.util.ArrayList<>();
            Map<String, Double> popular = new java.util.HashMap<>();
            Map<String, List<Neighbour>> neighbours = new java.util.HashMap<>();
            for (int i = 0; i < 200; i++) {
                String sku = "s" + random.nextInt(100);
                popular.put(sku, random.nextDouble() * 0.2);
                offers.add(offer("o" + i, null, Set.of(sku), i % 7 == 0 ? Set.of("c" + random.nextInt(5)) : Set.of(),
                        1 + random.nextInt(20)));
            }
            List<PastPurchase> history = new java.util.ArrayList<>();
            for (int h = 0; h < 5; h++) {
                String sku = "s" + random.nextInt(100);
                history.add(bought(sku, sku, null, random.nextInt(90)));
                neighbours.put(sku, List.of(neighbour("s" + random.nextInt(100), "c" + random.nextInt(5), random.nextDouble(), 2)));
            }
            Decision all = engine.decide(snapshot(customer("c", List.of()), history, emptySession(), neighbours,
                    new Popularity(popular, Map.of("c1", 0.3)), offers, 10, true));
            List<Double> walk = new java.util.ArrayList<>();
            all.offers().forEach(o -> walk.add(o.score()));
            double lastChosen = walk.get(walk.size() - 1);
            all.dropped().forEach(d -> assertTrue(d.score() <= lastChosen + 1e-12, "dropped above the cut"));
            for (int i = 1; i < walk.size(); i++) {
                assertTrue(walk.get(i) <= walk.get(i - 1) + 1e-12, "chosen offers out of order");
            }
            assertEquals(190, all.droppedTotal());
            Decision quick = engine.decide(snapshot(customer("c", List.of()), history, emptySession(), neighbours,
                    new Popularity(popular, Map.of("c1", 0.3)), offers, 10, false));
            assertEquals(all.offers().stream().map(o -> o.offer().id()).toList(), quick.offers().stream().map(o -> o.offer().id()).toList());
        }
    }

    @Test
    void aServiceOfferWithoutTargetsRanksByValue() {
        CandidateOffer delivery = offer("free-delivery", "service", Set.of(), Set.of(), 50);
        Decision decision = engine.decide(snapshot(null, List.of(), emptySession(), Map.of(), Popularity.NONE,
                List.of(SOCKS, delivery), 1, false));
        assertEquals("free-delivery", decision.offers().get(0).offer().id());
        assertTrue(decision.offers().get(0).reasons().contains("Service offer: relevant to anyone"));
    }

    @Test
    void offersOfEqualScoreGoByIdWhetherScoredForThePersonOrPrepared() {
        // each reached with the same strength by the camera (touched), and as many that nothing reaches (prepared order)
        List<String> touchedIds = List.of("t-f", "t-b", "t-e", "t-a", "t-d", "t-c");
        List<CandidateOffer> offers = new java.util.ArrayList<>();
        List<Neighbour> neighbours = new java.util.ArrayList<>();
        for (String id : touchedIds) {
            offers.add(offer(id, null, Set.of("sku-" + id), Set.of(), 10));
            neighbours.add(neighbour("sku-" + id, null, 0.4, 2));
            offers.add(offer("u" + id.substring(1), null, Set.of(), Set.of("nothing"), 10));
        }
        Decision decision = engine.decide(snapshot(null, List.of(), session(List.of("sku-camera"), null, Map.of()),
                Map.of("sku-camera", neighbours), Popularity.NONE, offers, 12, false));
        assertEquals(List.of("t-a", "t-b", "t-c", "t-d", "t-e", "t-f", "u-a", "u-b", "u-c", "u-d", "u-e", "u-f"),
                decision.offers().stream().map(o -> o.offer().id()).toList());
    }

    @Test
    void aCartInTheOffersTargetCategoryBoostsItWithoutAnyCoPurchase() {
        // lens: 0.01 × 10 × 1.3 = 0.13 beats socks: 0.01 × 12 = 0.12, though no neighbour reaches it
        SessionContext cart = session(List.of("sku-camera"), null,
                Map.of("sku-camera", new SessionContext.ProductInfo("Digital camera", "photo")));
        CandidateOffer lens = offer("lens", "lenses", Set.of("sku-lens"), Set.of("photo"), 10);
        CandidateOffer socks = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 12);
        Decision decision = engine.decide(snapshot(null, List.of(), cart, Map.of(), Popularity.NONE, List.of(socks, lens), 2, false));
        assertEquals(List.of("lens", "socks"), decision.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(0.13, decision.offers().get(0).score(), 1e-12);
        assertTrue(decision.offers().get(0).reasons().contains("This session is in category photo"));
    }

    @Test
    void theViewedProductAloneMakesTheSessionInMarket() {
        SessionContext viewing = session(List.of(), "sku-camera",
                Map.of("sku-camera", new SessionContext.ProductInfo("Digital camera", "photo")));
        CandidateOffer lens = offer("lens", "lenses", Set.of("sku-lens"), Set.of("photo"), 10);
        CandidateOffer socks = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 12);
        Decision decision = engine.decide(snapshot(null, List.of(), viewing, Map.of(), Popularity.NONE, List.of(socks, lens), 2, false));
        assertEquals("lens", decision.offers().get(0).offer().id());
        assertEquals(1.3, decision.offers().get(0).contextWeight(), 1e-12);
    }

    @Test
    void everyFactorOfTheScoreCounts() {
        // affinity 0.2 (camera 30 days ago × 0.4); popularity 0.4: propensity 0.2 + 0.8 × 0.5 × 0.4 = 0.36;
        // value 10, lever 2, on screen (× 1.3), shown just now without an answer (novelty 0.5)
        SessionContext cart = session(List.of(), "sku-prints", Map.of());
        ContactHistory justShown = new ContactHistory(List.of(new Exposure("d0", "prints", "web", NOW, Exposure.Status.SHOWN)), List.of());
        Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of()), List.of(bought("sku-camera", "Camera", "photo", 30)),
                cart, CAMERA_NEIGHBOURS, true,
                Fixtures.candidates(List.of(Fixtures.withLever(PRINTS, 2)), new Popularity(Map.of("sku-prints", 0.4), Map.of())), 1,
                false, false, justShown, LearnedResponses.NONE));
        RankedOffer prints = decision.offers().get(0);
        assertEquals(0.2, prints.affinity(), 1e-12);
        assertEquals(0.4, prints.popularity(), 1e-12);
        assertEquals(0.36, prints.propensity(), 1e-12);
        assertEquals(1.3, prints.contextWeight(), 1e-12);
        assertEquals(0.5, prints.novelty(), 1e-12);
        assertEquals(0.36 * 10 * 2 * 1.3 * 0.5, prints.score(), 1e-12);
        assertTrue(prints.reasons().contains("Shown 1 time lately without a response: novelty 0.50"), prints.reasons().toString());
    }

    @Test
    void anOfferNeverShownSaysNothingOfNovelty() {
        Decision decision = decideFor(List.of(bought("sku-camera", "Camera", "photo", 3)), List.of(PRINTS, SOCKS), 2);
        decision.offers().forEach(o -> assertTrue(o.reasons().stream().noneMatch(r -> r.startsWith("Shown")), o.reasons().toString()));
    }

    @Test
    void rulesReadThePersonAndTheMoment() {
        EligibilityRule knownOnly = variables -> Boolean.TRUE.equals(variables.customer().get("known"))
                ? RuleVerdict.ELIGIBLE : RuleVerdict.NOT_ELIGIBLE;
        EligibilityRule eveningOnly = variables -> (Long) variables.context().get("hour") >= 17
                ? RuleVerdict.ELIGIBLE : RuleVerdict.NOT_ELIGIBLE;
        List<CandidateOffer> offers = List.of(Fixtures.withRule(PRINTS, knownOnly), Fixtures.withRule(SOCKS, eveningOnly), STORAGE);
        Decision known = engine.decide(snapshot(customer("c1", List.of()), List.of(), emptySession(), Map.of(), Popularity.NONE,
                offers, 3, false));
        assertEquals(List.of("prints", "socks", "storage"), known.offers().stream().map(o -> o.offer().id()).toList());
        assertTrue(known.offers().get(0).reasons().contains("Meets its eligibility rule"));
        assertTrue(known.offers().get(2).reasons().stream().noneMatch(r -> r.contains("eligibility rule")), "storage has no rule");
        Decision anonymous = engine.decide(snapshot(null, List.of(), emptySession(), Map.of(), Popularity.NONE, offers, 3, true));
        assertEquals(List.of("socks", "storage"), anonymous.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(DroppedOffer.Reason.RULE_NOT_MET, anonymous.dropped().get(0).reason());
    }

    @Test
    void offersRuledOutByTheirRulesAreNotBlamedOnTheContactHistory() {
        CandidateOffer excluded = Fixtures.withRule(PRINTS, variables -> RuleVerdict.NOT_ELIGIBLE);
        Decision decision = engine.decide(snapshot(customer("c1", List.of()), List.of(bought("sku-camera", "Camera", "photo", 1)),
                emptySession(), CAMERA_NEIGHBOURS, Popularity.NONE, List.of(excluded), 1, false));
        assertEquals(List.of(), decision.offers());
        assertEquals(List.of(), decision.notes());
        assertEquals(1, decision.droppedTotal());
    }

    @Test
    void explainListsAtMostTheConfiguredNumberOfDroppedOffersButCountsThemAll() {
        ScoringPolicy twoListed = new ScoringPolicy(30, 0.5, 0.01, 1.3, 20, 2, 1, 19);
        List<CandidateOffer> offers = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> offer("o" + i, "c" + i, Set.of(), Set.of(), 10 - i)).toList();
        Decision decision = new DecisionEngine(twoListed).decide(new Snapshot(NOW, null, List.of(), emptySession(), Map.of(), true,
                CandidateSet.of(offers, Popularity.NONE, twoListed), 1, true, false, ContactHistory.NONE, LearnedResponses.NONE));
        assertEquals(List.of("o1", "o2"), decision.dropped().stream().map(DroppedOffer::offerId).toList());
        assertEquals(5, decision.droppedTotal());
        assertEquals("eligible, ranked below the 1 chosen", decision.dropped().get(0).detail());
    }

    @Test
    void whenTooManyCountsChangedToListEveryCandidateIsScoredAfresh() {
        // socks was prepared with no answers; since then (too many changes to list) people accepted it 8 times in 10
        LearnedResponses tooMany = new LearnedResponses() {
            @Override
            public Counts counts(String offerId, String segment) {
                return offerId.equals("socks") ? new Counts(10, 8) : Counts.NONE;
            }

            @Override
            public long version() {
                return 7;
            }

            @Override
            public Set<String> changedSince(long version) {
                return null;
            }
        };
        CandidateSet prepared = CandidateSet.of(List.of(PRINTS, SOCKS, STORAGE), Popularity.NONE, ScoringPolicy.DEFAULT,
                LearnedResponses.NONE, "gold");
        Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), emptySession(), Map.of(), true,
                prepared, 3, false, false, ContactHistory.NONE, tooMany));
        assertEquals("socks", decision.offers().get(0).offer().id());
        assertEquals(9.0 / 30 / 0.05, decision.offers().get(0).learnedLift(), 1e-12);
        assertEquals(List.of("prints", "storage"), decision.offers().subList(1, 3).stream().map(o -> o.offer().id()).toList());
    }

    @Test
    void aCandidateSetPreparedUnderAnotherPolicyIsRefused() {
        ScoringPolicy other = new ScoringPolicy(7, 0.5, 0.01, 1.3, 20, 200, 1, 19);
        Snapshot snapshot = new Snapshot(NOW, null, List.of(), emptySession(), Map.of(), true,
                CandidateSet.of(List.of(PRINTS), Popularity.NONE, other), 1, false, false, ContactHistory.NONE, LearnedResponses.NONE);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> engine.decide(snapshot));
    }

    @Test
    void theEngineSaysWhichEvidenceItNeedsAndUnderWhichPolicies() {
        SessionContext context = session(List.of("sku-cart"), "sku-viewed", Map.of());
        assertEquals(List.of("sku-viewed", "sku-cart", "sku-camera"),
                engine.evidenceSkus(context, List.of(bought("sku-camera", "Camera", "photo", 3)), NOW));
        assertEquals(ScoringPolicy.DEFAULT, engine.policy());
        assertEquals(ContactPolicy.DEFAULT, engine.contactPolicy());
    }

    @Test
    void thePreparedOrderBreaksTiesByIdAndRemembersTheCountsVersion() {
        LearnedResponses atVersion3 = new LearnedResponses() {
            @Override
            public Counts counts(String offerId, String segment) {
                return Counts.NONE;
            }

            @Override
            public long version() {
                return 3;
            }

            @Override
            public Set<String> changedSince(long version) {
                return Set.of();
            }
        };
        List<CandidateOffer> offers = java.util.stream.Stream.of("e", "c", "a", "d", "b")
                .map(id -> offer(id, null, Set.of(), Set.of("x"), 10)).toList();
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, atVersion3, "gold");
        assertEquals(3, candidates.learnedVersion());
        assertEquals(List.of("a", "b", "c", "d", "e"),
                java.util.stream.IntStream.range(0, 5).mapToObj(rank -> candidates.offerAt(rank).id()).toList());
    }
}
