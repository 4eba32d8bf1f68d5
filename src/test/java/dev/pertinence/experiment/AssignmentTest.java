package dev.pertinence.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Strategy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignmentTest {

    static Experiment experiment(String id, int... basisPoints) {
        List<Experiment.Arm> arms = new java.util.ArrayList<>();
        for (int i = 0; i < basisPoints.length; i++) {
            arms.add(new Experiment.Arm(i == 0 ? "control" : "arm-" + i, basisPoints[i],
                    i == 0 ? new Strategy(Strategy.Kind.CONTROL, Map.of(), 0) : Strategy.PERSONALISED));
        }
        return new Experiment(id, "test", Set.of("web"), Set.of(), Instant.EPOCH, null, arms);
    }

    @Test
    void theHashIsTheFirst64BitsOfSha256OfExperimentAndUnit() {
        // computed independently: python3 hashlib.sha256(b"exp-1\0customer:c-42").digest()[:8], big-endian, signed
        assertEquals(-3587420054886184540L, Assignment.hash("exp-1", "customer:c-42"));
        assertEquals(-5009316350614104665L, Assignment.hash("exp-1", "visitor:9f1c"));
        assertEquals(7076, Assignment.bucket(Assignment.hash("exp-1", "customer:c-42")));
        assertEquals(68, Assignment.bucket(Assignment.hash("exp-1", "customer:c-43")));
    }

    @Test
    void aPersonStaysInTheirArmAndTheBucketPicksIt() {
        Experiment experiment = experiment("exp-1", 5000, 5000);
        // bucket 7076 is past the control's 5,000 buckets; bucket 68 is in them
        assertEquals("arm-1", experiment.assign("customer:c-42").arm().name());
        assertEquals("control", experiment.assign("customer:c-43").arm().name());
        for (int i = 0; i < 100; i++) {
            assertEquals(experiment.assign("customer:c-" + i), experiment.assign("customer:c-" + i));
        }
    }

    @Test
    void armsGetTheirSharesOfPeople() {
        Experiment experiment = experiment("exp-shares", 2000, 3000, 5000);
        Map<String, Integer> counts = new HashMap<>();
        int people = 100_000;
        for (int i = 0; i < people; i++) {
            counts.merge(experiment.assign("visitor:" + i).arm().name(), 1, Integer::sum);
        }
        assertEquals(0.2, counts.get("control") / (double) people, 0.01);
        assertEquals(0.3, counts.get("arm-1") / (double) people, 0.01);
        assertEquals(0.5, counts.get("arm-2") / (double) people, 0.01);
        long[] observed = {counts.get("control"), counts.get("arm-1"), counts.get("arm-2")};
        assertTrue(Proportions.sampleRatioPValue(observed, experiment.shares()) > Results.SRM_ALPHA);
    }

    @Test
    void twoExperimentsSplitPeopleIndependently() {
        Experiment one = experiment("exp-a", 5000, 5000);
        Experiment two = experiment("exp-b", 5000, 5000);
        int bothControl = 0;
        int oneControl = 0;
        for (int i = 0; i < 40_000; i++) {
            boolean control = one.assign("customer:" + i).arm().control();
            if (control) {
                oneControl++;
                if (two.assign("customer:" + i).arm().control()) {
                    bothControl++;
                }
            }
        }
        assertEquals(0.5, bothControl / (double) oneControl, 0.015);
    }

    @Test
    void experimentsOverlapOnlyWhenTheyWouldClaimTheSameDecision() {
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        Instant t1 = Instant.parse("2026-12-15T00:00:00Z");
        List<Experiment.Arm> arms = experiment("x", 5000, 5000).arms();
        Experiment homeWeb = new Experiment("a", "a", Set.of("web"), Set.of("home"), t0, t1, arms);
        assertTrue(homeWeb.overlaps(new Experiment("b", "b", Set.of("web", "app"), Set.of(), t0.minusSeconds(5), null, arms)));
        assertTrue(!homeWeb.overlaps(new Experiment("c", "c", Set.of("web"), Set.of("checkout"), t0, t1, arms)));
        assertTrue(!homeWeb.overlaps(new Experiment("d", "d", Set.of("email"), Set.of("home"), t0, t1, arms)));
        assertTrue(!homeWeb.overlaps(new Experiment("e", "e", Set.of("web"), Set.of("home"), t1, null, arms)), "one ends as the next starts");
        assertTrue(homeWeb.covers("web", "home", t0) && !homeWeb.covers("web", "home", t1) && !homeWeb.covers("web", "cart", t0));
    }
}
