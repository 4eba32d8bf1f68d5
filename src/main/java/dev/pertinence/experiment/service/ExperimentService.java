package dev.pertinence.experiment.service;

import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.Strategy;
import dev.pertinence.experiment.Assignment;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.Results;
import dev.pertinence.experiment.ResultsChart;
import dev.pertinence.experiment.store.ExperimentStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Creates, stops and reads experiments; every change is announced to the replicas' registries. */
@ApplicationScoped
public class ExperimentService {

    private final ExperimentStore store;
    private final ExperimentRegistry registry;
    private final Clock clock;
    private final long minPeoplePerArm;

    public ExperimentService(ExperimentStore store, ExperimentRegistry registry, Clock clock, PertinenceConfig config) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.minPeoplePerArm = config.experiment().minPeoplePerArm();
    }

    /** An arm as asked: its name, share in basis points and strategy (checked here). */
    public record NewArm(String name, int shareBasisPoints, Strategy.Kind kind, java.util.Map<String, Double> levers,
                         double exploration) {
    }

    /**
     * @param minimumDetectableEffect null: the floor of people per arm alone decides when there are enough
     * @param power                   null: {@value Experiment#DEFAULT_POWER}; only with a minimum detectable effect
     */
    public Uni<Experiment> create(String name, Set<String> channels, Set<String> placements, Instant startsAt, Instant endsAt,
                                  List<NewArm> arms, Double minimumDetectableEffect, Double power) {
        if (power != null && minimumDetectableEffect == null) {
            throw ClientProblem.invalid("power", "power: is the chance of detecting the minimumDetectableEffect, which is absent");
        }
        Instant now = clock.instant();
        Instant start = startsAt == null ? now : startsAt;
        if (endsAt != null && !endsAt.isAfter(start)) {
            throw ClientProblem.invalid("endsAt", "an experiment ends after it starts");
        }
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw ClientProblem.invalid("endsAt", "an experiment cannot end in the past");
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        List<Experiment.Arm> built = new java.util.ArrayList<>(arms.size());
        for (int i = 0; i < arms.size(); i++) {
            NewArm arm = arms.get(i);
            if (!names.add(arm.name())) {
                throw ClientProblem.invalid("arms[" + i + "].name", "arm '" + arm.name() + "' is named twice");
            }
            total += arm.shareBasisPoints();
            try {
                built.add(new Experiment.Arm(arm.name(), arm.shareBasisPoints(), new Strategy(arm.kind(), arm.levers(), arm.exploration())));
            } catch (IllegalArgumentException e) {
                throw ClientProblem.invalid("arms[" + i + "].exploration", e.getMessage());
            }
        }
        if (total != Assignment.BUCKETS) {
            throw ClientProblem.invalid("arms", "arm shares add up to " + total / 100.0 + " %, not 100 %");
        }
        Experiment experiment = new Experiment(TimeOrderedId.at(now).toString(), name.trim(), channels, placements, start, endsAt, built,
                minimumDetectableEffect, power == null ? Experiment.DEFAULT_POWER : power);
        return store.create(experiment, now).chain(registry::changed).replaceWith(experiment);
    }

    public Uni<List<Experiment>> all() {
        return store.all();
    }

    public Uni<Experiment> get(String id) {
        return store.get(id).map(experiment -> {
            if (experiment == null) {
                throw ClientProblem.notFound("experiment", id);
            }
            return experiment;
        });
    }

    /** Ends it now (its results stay readable); an experiment already ended is left as it is. */
    public Uni<Experiment> stop(String id) {
        return get(id).chain(experiment -> store.stop(id, clock.instant()))
                .chain(stopped -> stopped ? registry.changed() : Uni.createFrom().voidItem())
                .chain(() -> get(id));
    }

    public Uni<Results> results(String id) {
        return get(id).chain(experiment -> results(experiment));
    }

    /** The results drawn: rates per arm with their intervals, overall and per segment. */
    public Uni<String> chart(String id, ResultsChart.Metric metric) {
        return get(id).chain(experiment -> results(experiment).map(results -> ResultsChart.svg(experiment.name(), results, metric)));
    }

    private Uni<Results> results(Experiment experiment) {
        return store.tallies(experiment.id()).map(tallies -> Results.of(experiment, tallies, clock.instant(), minPeoplePerArm));
    }

    public String status(Experiment experiment) {
        Instant now = clock.instant();
        return now.isBefore(experiment.startsAt()) ? "scheduled" : experiment.running(now) ? "running" : "ended";
    }
}
