package dev.pertinence.decide.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A past decision as it was answered. While kept is answer (the retention period, 90 days by default), "
        + "everything the caller was answered and the context they sent; once kept is attribution (past the retention "
        + "period, after the person's erasure, or recorded before decisions were audited) only what outcomes are "
        + "attributed by: offer ids, ranks and scores, channel, placement, segment, model and experiment arm")
public record PastDecisionView(
        UUID decisionId,
        @Schema(description = "The customer the decision was made for, as resolved (the survivor after a merge); absent when "
                + "anonymous or erased") String customerId,
        @Schema(description = "The person's segment the decision was made in (anonymous, none or their first segment)") String segment,
        String channel,
        String placement,
        @Schema(description = "The context as the caller sent it; absent when not kept") PastContext context,
        @Schema(description = "Co-purchase model version used; absent when none was available") String modelVersion,
        Instant decidedAt,
        @Schema(description = "Best first, as answered; title, message, category, factors, explored and reasons only while kept is answer")
        List<PastOffer> offers,
        @Schema(description = "As answered; absent when not kept") List<String> notes,
        @Schema(description = "What the decision went without (as answered); absent when nothing, or not kept") List<String> degraded,
        @Schema(description = "The experiment arm the decision was made in; absent outside any experiment")
        DecisionResponse.ExperimentArm experiment,
        @Schema(description = "answer: the whole answer is kept; attribution: only what attributes outcomes",
                enumeration = {"answer", "attribution"}) String kept,
        @Schema(description = "decision: offers were decided; page_layout: a page's sections were ordered (POST /v1/page-layouts; "
                + "placement is the page, offers is empty and sections holds them)", enumeration = {"decision", "page_layout"})
        String kind,
        @Schema(description = "A page layout's sections in the visitor's order; absent for a decision") List<PastSection> sections) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A section of a past page layout; originalPosition and reason only while kept is answer")
    public record PastSection(String sectionId, int position,
                              @Schema(description = "Where the page had it (1-based)") Integer originalPosition,
                              double score, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PastOffer(String offerId, int rank,
                            @Schema(description = "The offer's title when it was answered") String title,
                            @Schema(description = "The message as shown, rendered for the person") String message,
                            String category, double score, DecisionResponse.ScoreFactors factors,
                            @Schema(description = "Ranked by exploration (Thompson sampling)") Boolean explored,
                            List<String> reasons,
                            @Schema(description = "The probability with which the decision's strategy would have shown this "
                                    + "offer: 1 for a strategy that never explores; for one that explores a share of its "
                                    + "decisions, (1 - exploration) x [in its usual top n] + exploration x [share of "
                                    + "seeded Thompson-sampling rankings holding it, 100 by default]. What POST /v1/estimates divides by. "
                                    + "Not the propensity factor of the score (the chance the person accepts it)",
                                    minimum = "0", maximum = "1") double propensity) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PastContext(
            @Schema(description = "The caller's time as the decision read it (in UTC, as the API reads it); the decision's time when none was sent")
            OffsetDateTime time,
            @Schema(description = "SKUs in the cart") List<String> cart,
            @Schema(description = "SKU being viewed") String currentProduct,
            Location location,
            String storeId,
            String device) {
    }
}
