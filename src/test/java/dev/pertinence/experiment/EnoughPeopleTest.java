package dev.pertinence.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No uplift is significant before both arms have enough people: a floor, or what a declared minimum detectable effect asks. */
class EnoughPeopleTest {

    private static final Experiment HALVES = AssignmentTest.experiment("exp-enough", 5000, 5000);

    private static Experiment declaring(double effect, double power) {
        return new Experiment("exp-mde", "MDE", Set.of("web"), Set.of(), Instant.EPOCH, null, HALVES.arms(), effect, power);
    }

    /** {@code accepting} of {@code people} accepted (and converted, worth 20 each). */
    private static Tally tally(String arm, String segment, long people, long accepting) {
        return new Tally(arm, segment, people, people, people, accepting, accepting, accepting, accepting, 20.0 * accepting,
                400.0 * accepting);
    }

    @Test
    void eighteenAgainstNineteenIsNotEnoughPeopleHoweverBigTheDifference() {
        Results results = Results.of(HALVES, List.of(tally("control", "none", 18, 1), tally("arm-1", "none", 19, 15)),
                Instant.EPOCH, 100);
        Results.ArmFigures arm = results.overall().get(1);
        assertTrue(arm.acceptanceUplift().low() > 0, "the interval alone leaves out zero: " + arm.acceptanceUplift());
        assertTrue(arm.valueUplift().low() > 0, "so does the value's: " + arm.valueUplift());
        assertFalse(arm.acceptanceUplift().significant());
        assertFalse(arm.conversionUplift().significant());
        assertFalse(arm.valueUplift().significant());
        assertFalse(arm.acceptanceUplift().enoughPeople());
        assertFalse(arm.valueUplift().enoughPeople());
        assertFalse(results.enoughPeople());
        assertEquals(100, results.requiredPeoplePerArm());
        assertEquals("floor", results.requiredBy());
        assertEquals("Not enough people yet: the smallest arm has 18 of the 100 people needed per arm, so no uplift is significant",
                results.verdict());
    }

    @Test
    void aLargeSampleIsSignificantAsBefore() {
        Results results = Results.of(HALVES, List.of(tally("control", "none", 1000, 100), tally("arm-1", "none", 1000, 200)),
                Instant.EPOCH, 100);
        Results.Uplift uplift = results.overall().get(1).acceptanceUplift();
        assertTrue(uplift.significant());
        assertTrue(uplift.enoughPeople());
        assertTrue(results.enoughPeople());
        assertEquals("Enough people: every arm has at least the 100 needed", results.verdict());
    }

    @Test
    void exactlyTheFloorIsEnough() {
        Results at = Results.of(HALVES, List.of(tally("control", "none", 100, 10), tally("arm-1", "none", 100, 40)), Instant.EPOCH, 100);
        assertTrue(at.enoughPeople());
        assertTrue(at.overall().get(1).acceptanceUplift().significant());
        Results below = Results.of(HALVES, List.of(tally("control", "none", 100, 10), tally("arm-1", "none", 99, 40)), Instant.EPOCH, 100);
        assertFalse(below.enoughPeople());
        assertFalse(below.overall().get(1).acceptanceUplift().significant());
        Results baselineShort = Results.of(HALVES, List.of(tally("control", "none", 99, 10), tally("arm-1", "none", 100, 40)),
                Instant.EPOCH, 100);
        assertFalse(baselineShort.overall().get(1).acceptanceUplift().enoughPeople(), "both arms compared count");
    }

    @Test
    void aSegmentNeedsItsOwnPeople() {
        Results results = Results.of(HALVES, List.of(tally("control", "gold", 30, 3), tally("arm-1", "gold", 30, 20),
                tally("control", "silver", 500, 50), tally("arm-1", "silver", 500, 100)), Instant.EPOCH, 100);
        assertTrue(results.enoughPeople());
        assertTrue(results.overall().get(1).acceptanceUplift().significant());
        Results.Uplift gold = results.segments().get(0).arms().get(1).acceptanceUplift();
        assertTrue(gold.low() > 0);
        assertFalse(gold.enoughPeople());
        assertFalse(gold.significant());
        assertTrue(results.segments().get(1).arms().get(1).acceptanceUplift().significant());
    }

    /**
     * The textbook value, by hand: baseline 10 %, detect 15 % (effect 0.05) with power 0.8 at α 0.05 two-sided.
     * p̄ = 0.125; z(0.975) √(2 × 0.125 × 0.875) = 1.959964 × 0.467707 = 0.916689;
     * z(0.8) √(0.1 × 0.9 + 0.15 × 0.85) = 0.841621 × 0.466369 = 0.392506;
     * n = (0.916689 + 0.392506)² / 0.05² = 1.713992 / 0.0025 = 685.6, so 686 per arm (Fleiss, no continuity correction).
     */
    @Test
    void thePeopleADeclaredEffectNeedsAreTheTextbookValue() {
        assertEquals(686, Proportions.peoplePerArm(0.10, 0.05, 0.8));
        assertEquals(918, Proportions.peoplePerArm(0.10, 0.05, 0.9), "z(0.9) = 1.281552: 917.3");
        assertEquals(435, Proportions.peoplePerArm(0.05, 0.05, 0.8));
        assertEquals(Proportions.peoplePerArm(0.93, 0.05, 0.8), Proportions.peoplePerArm(0.98, 0.05, 0.8),
                "near 1 the difference is measured downwards");
        assertEquals(269, Proportions.peoplePerArm(0.98, 0.05, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Proportions.peoplePerArm(0.1, 0, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Proportions.peoplePerArm(0.1, 1, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Proportions.peoplePerArm(0.1, 0.05, 1));
        assertThrows(IllegalArgumentException.class, () -> Proportions.peoplePerArm(0.1, 0.05, 0));
        assertThrows(IllegalArgumentException.class, () -> Proportions.peoplePerArm(-0.1, 0.05, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Proportions.peoplePerArm(1.1, 0.05, 0.8));
    }

    @Test
    void theNormalQuantileIsExactEnough() {
        assertEquals(0.8416212335729144, Proportions.quantile(0.8), 1e-8);
        assertEquals(1.959963984540054, Proportions.quantile(0.975), 1e-8);
        assertEquals(-2.3263478740408408, Proportions.quantile(0.01), 1e-8);
        assertEquals(2.3263478740408408, Proportions.quantile(0.99), 1e-8);
        assertEquals(0.0, Proportions.quantile(0.5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Proportions.quantile(0));
        assertThrows(IllegalArgumentException.class, () -> Proportions.quantile(1));
    }

    @Test
    void aDeclaredEffectAsksForPeopleFromTheBaselinesRateSoFar() {
        Experiment experiment = declaring(0.05, 0.8);
        Results short500 = Results.of(experiment, List.of(tally("control", "none", 500, 50), tally("arm-1", "none", 500, 100)),
                Instant.EPOCH, 100);
        assertEquals(686, short500.requiredPeoplePerArm());
        assertEquals("minimumDetectableEffect", short500.requiredBy());
        assertFalse(short500.enoughPeople());
        assertTrue(short500.overall().get(1).acceptanceUplift().low() > 0);
        assertFalse(short500.overall().get(1).acceptanceUplift().significant());
        Results enough = Results.of(experiment, List.of(tally("control", "none", 700, 70), tally("arm-1", "none", 700, 140)),
                Instant.EPOCH, 100);
        assertEquals(686, enough.requiredPeoplePerArm());
        assertTrue(enough.enoughPeople());
        assertTrue(enough.overall().get(1).acceptanceUplift().significant());
    }

    @Test
    void withoutBaselinePeopleTheDeclaredEffectAsksForTheMostDemandingRate() {
        Results results = Results.of(declaring(0.05, 0.9), List.of(), Instant.EPOCH, 100);
        assertEquals(Proportions.peoplePerArm(0.475, 0.05, 0.9), results.requiredPeoplePerArm());
        assertEquals(2100, results.requiredPeoplePerArm());
        assertFalse(results.enoughPeople());
    }

    @Test
    void theFloorWinsOverASmallerDeclaredNeed() {
        Results results = Results.of(declaring(0.5, 0.8), List.of(tally("control", "none", 18, 1), tally("arm-1", "none", 19, 15)),
                Instant.EPOCH, 100);
        assertEquals(100, results.requiredPeoplePerArm());
        assertEquals("floor", results.requiredBy());
        assertFalse(results.overall().get(1).acceptanceUplift().significant());
        Experiment plain = new Experiment("x", "x", Set.of("web"), Set.of(), Instant.EPOCH, null,
                List.of(new Experiment.Arm("a", 5000, Strategy.PERSONALISED), new Experiment.Arm("b", 5000, Strategy.PERSONALISED)));
        assertEquals(Experiment.DEFAULT_POWER, plain.power());
        assertEquals(null, plain.minimumDetectableEffect());
    }
}
