package dev.pertinence.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An experiment's results, per arm, overall and per segment. The unit of analysis is the unit of
 * assignment, the person: a rate is the share of an arm's people who accepted (or converted) at
 * least once, with its Wilson interval, so the many decisions of one person do not pass for
 * independent trials. Each arm's uplift is its difference from the baseline arm (the control
 * group) with Newcombe's interval; significant when the interval leaves out zero. The traffic
 * split is checked on people (sample-ratio mismatch: chi-square p below {@value #SRM_ALPHA}).
 * Value per person (conversions' value, zero for most) has a normal-approximation interval, and
 * its uplift Welch's ({@link Means}).
 *
 * <p>No uplift is significant before both arms compared have enough people: at least the floor
 * (a difference between 18 and 19 people is noise however wide), and, when the experiment declares
 * a minimum detectable effect, the people the two-proportion sample size asks for
 * ({@link Proportions#peoplePerArm}, from the baseline's acceptance rate so far). Until every arm
 * has them, the results say "not enough people yet".
 *
 * @param requiredPeoplePerArm people each arm needs before an uplift can be significant
 * @param requiredBy           {@code minimumDetectableEffect} when the experiment's declared effect sets it, else {@code floor}
 * @param enoughPeople         every arm has the people required
 * @param verdict              the state in words ("Not enough people yet: …")
 */
public record Results(String experimentId, String baseline, Instant computedAt, List<ArmFigures> overall,
                      List<SegmentFigures> segments, SampleRatio sampleRatio, long requiredPeoplePerArm, String requiredBy,
                      boolean enoughPeople, String verdict) {

    /** The usual threshold for a broken split: a false alarm once in a thousand checks. */
    public static final double SRM_ALPHA = 0.001;

    /** The floor of people per arm when none is configured ({@code pertinence.experiment.min-people-per-arm}). */
    public static final long DEFAULT_MIN_PEOPLE_PER_ARM = 100;

    public record SegmentFigures(String segment, List<ArmFigures> arms) {
    }

    public record ArmFigures(String arm, String strategy, double sharePercent, long people, long decisions,
                             long impressions, long acceptances, long conversions, double value, Mean valuePerPerson,
                             Rate acceptance, Rate conversion, Uplift acceptanceUplift, Uplift conversionUplift,
                             Uplift valueUplift) {
    }

    /** The mean value per person and its interval (normal approximation); null below two people. */
    public record Mean(double mean, double low, double high) {
    }

    /** {@code people} of {@code of} did it at least once. */
    public record Rate(long people, long of, double rate, double low, double high) {
    }

    /**
     * The arm's rate (or mean) minus the baseline's, its interval, and the relative uplift (null when the baseline's is 0);
     * significant when the interval leaves out zero and both arms have enough people.
     */
    public record Uplift(double difference, double low, double high, Double relative, boolean significant,
                         boolean enoughPeople) {
    }

    public record SampleRatio(List<ArmCount> arms, double pValue, boolean mismatch) {
    }

    public record ArmCount(String arm, long people, double expected) {
    }

    public static Results of(Experiment experiment, List<Tally> tallies, Instant now) {
        return of(experiment, tallies, now, DEFAULT_MIN_PEOPLE_PER_ARM);
    }

    /** @param minPeoplePerArm the floor: no uplift is significant with fewer people in either arm compared */
    public static Results of(Experiment experiment, List<Tally> tallies, Instant now, long minPeoplePerArm) {
        Map<String, Map<String, Tally>> bySegment = new TreeMap<>();
        Map<String, Tally> overall = new LinkedHashMap<>();
        for (Experiment.Arm arm : experiment.arms()) {
            overall.put(arm.name(), Tally.empty(arm.name(), null));
        }
        for (Tally tally : tallies) {
            if (!overall.containsKey(tally.arm())) {
                continue; // not an arm of this experiment (cannot happen: arms never change)
            }
            overall.merge(tally.arm(), tally, Tally::plus);
            bySegment.computeIfAbsent(tally.segment(), s -> new LinkedHashMap<>()).merge(tally.arm(), tally, Tally::plus);
        }
        Tally baseline = overall.get(experiment.baseline().name());
        long byEffect = experiment.minimumDetectableEffect() == null ? 0 : Proportions.peoplePerArm(
                baseline.people() == 0 ? 0.5 - experiment.minimumDetectableEffect() / 2 : baseline.peopleAccepting() / (double) baseline.people(),
                experiment.minimumDetectableEffect(), experiment.power());
        long required = Math.max(minPeoplePerArm, byEffect);
        List<SegmentFigures> segments = new ArrayList<>(bySegment.size());
        bySegment.forEach((segment, arms) -> segments.add(new SegmentFigures(segment, figures(experiment, arms, required))));
        long fewest = overall.values().stream().mapToLong(Tally::people).min().orElse(0);
        boolean enough = fewest >= required;
        return new Results(experiment.id(), experiment.baseline().name(), now, figures(experiment, overall, required), segments,
                sampleRatio(experiment, overall), required, byEffect > minPeoplePerArm ? "minimumDetectableEffect" : "floor",
                enough, enough ? "Enough people: every arm has at least the " + required + " needed"
                        : "Not enough people yet: the smallest arm has " + fewest + " of the " + required
                        + " people needed per arm, so no uplift is significant");
    }

    private static List<ArmFigures> figures(Experiment experiment, Map<String, Tally> byArm, long required) {
        Experiment.Arm baselineArm = experiment.baseline();
        Tally baseline = byArm.getOrDefault(baselineArm.name(), Tally.empty(baselineArm.name(), null));
        List<ArmFigures> figures = new ArrayList<>(experiment.arms().size());
        for (Experiment.Arm arm : experiment.arms()) {
            Tally t = byArm.getOrDefault(arm.name(), Tally.empty(arm.name(), null));
            boolean isBaseline = arm == baselineArm;
            figures.add(new ArmFigures(arm.name(), arm.strategy().kind().name().toLowerCase(java.util.Locale.ROOT),
                    arm.sharePercent(), t.people(), t.decisions(), t.impressions(), t.acceptances(), t.conversions(), t.value(),
                    mean(t), rate(t.peopleAccepting(), t.people()), rate(t.peopleConverting(), t.people()),
                    isBaseline ? null : uplift(t.peopleAccepting(), t.people(), baseline.peopleAccepting(), baseline.people(), required),
                    isBaseline ? null : uplift(t.peopleConverting(), t.people(), baseline.peopleConverting(), baseline.people(), required),
                    isBaseline ? null : valueUplift(t, baseline, required)));
        }
        return List.copyOf(figures);
    }

    private static Mean mean(Tally t) {
        Means.Interval interval = Means.of(t.value(), t.valueSquares(), t.people(), Proportions.Z95);
        return interval == null ? null : new Mean(interval.mean(), interval.low(), interval.high());
    }

    private static Uplift valueUplift(Tally t, Tally baseline, long required) {
        Proportions.Difference d = Means.difference(t.value(), t.valueSquares(), t.people(), baseline.value(),
                baseline.valueSquares(), baseline.people(), Proportions.Z95);
        if (d == null) {
            return null;
        }
        double baselineMean = baseline.value() / baseline.people();
        boolean enough = Math.min(t.people(), baseline.people()) >= required;
        return new Uplift(d.difference(), d.low(), d.high(), baselineMean == 0 ? null : d.difference() / baselineMean,
                enough && d.significant(), enough);
    }

    private static Rate rate(long successes, long people) {
        Proportions.Interval interval = Proportions.wilson(successes, people, Proportions.Z95);
        return new Rate(successes, people, interval.rate(), interval.low(), interval.high());
    }

    /** Null until both arms have people: there is nothing to compare yet. */
    private static Uplift uplift(long successes, long people, long baselineSuccesses, long baselinePeople, long required) {
        if (people == 0 || baselinePeople == 0) {
            return null;
        }
        Proportions.Difference d = Proportions.difference(successes, people, baselineSuccesses, baselinePeople, Proportions.Z95);
        double baselineRate = baselineSuccesses / (double) baselinePeople;
        boolean enough = Math.min(people, baselinePeople) >= required;
        return new Uplift(d.difference(), d.low(), d.high(), baselineRate == 0 ? null : d.difference() / baselineRate,
                enough && d.significant(), enough);
    }

    private static SampleRatio sampleRatio(Experiment experiment, Map<String, Tally> overall) {
        long[] observed = experiment.arms().stream().mapToLong(arm -> overall.get(arm.name()).people()).toArray();
        double[] shares = experiment.shares();
        long total = java.util.Arrays.stream(observed).sum();
        double p = Proportions.sampleRatioPValue(observed, shares);
        List<ArmCount> counts = new ArrayList<>(observed.length);
        for (int i = 0; i < observed.length; i++) {
            counts.add(new ArmCount(experiment.arms().get(i).name(), observed[i], total * shares[i]));
        }
        return new SampleRatio(List.copyOf(counts), p, p < SRM_ALPHA);
    }
}
