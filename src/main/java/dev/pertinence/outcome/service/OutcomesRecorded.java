package dev.pertinence.outcome.service;

import dev.pertinence.outcome.OutcomeType;
import java.util.List;
import java.util.UUID;

/** Fired (asynchronously) after outcomes are stored: what cascades wait for. */
public record OutcomesRecorded(List<Answer> answers) {

    public record Answer(UUID decisionId, OutcomeType type) {
    }
}
