package dev.pertinence.experiment.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentView(String id, String name, List<String> channels, List<String> placements, Instant startsAt,
                             Instant endsAt,
                             @Schema(enumeration = {"scheduled", "running", "ended"}) String status,
                             @Schema(description = "The arm the others' uplift is measured against: the first control arm, else the first")
                             String baseline,
                             List<ArmView> arms,
                             @Schema(description = "Absent: the configured floor of people per arm alone") Double minimumDetectableEffect,
                             @Schema(description = "Only with minimumDetectableEffect") Double power) {

    public record ArmView(String name, double share,
                          @Schema(enumeration = {"personalised", "no_copurchase", "no_learning", "control"}) String strategy,
                          Map<String, Double> levers, double exploration) {
    }
}
