package dev.pertinence.decide.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionPage(@Schema(description = "The customer as resolved from the id or identifier asked for") String customerId,
                           @Schema(description = "Newest first") List<PastDecisionView> decisions,
                           @Schema(description = "Pass as cursor for the next (older) page; absent on the last page") String next) {
}
