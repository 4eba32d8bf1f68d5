package dev.pertinence.offer;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The wire names of a budget's terms (what it counts, how it is paced), shared by the offer and performance APIs. */
public final class BudgetTerms {

    private BudgetTerms() {
    }

    /** What spends a budget. */
    @Schema(name = "BudgetOf")
    public enum Of {
        @JsonProperty("impressions") IMPRESSIONS,
        @JsonProperty("accepts") ACCEPTS,
        @JsonProperty("coupons") COUPONS
    }

    /** How a budget is spent over its window. */
    @Schema(name = "BudgetPacing")
    public enum Pacing {
        @JsonProperty("asap") ASAP,
        @JsonProperty("even") EVEN
    }
}
