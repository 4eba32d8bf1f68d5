package dev.pertinence.page.rest;

import dev.pertinence.common.ApiPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A page's sections and who is looking: the same sections come back in this visitor's order")
public record PageLayoutRequest(
        @Schema(description = "The customer id or any of their identifiers; omit for an anonymous visitor")
        @Size(max = 300) String customerId,
        @Schema(description = "SKUs in the cart (an anonymous visitor is ordered from these and the current product)")
        @Size(max = 100) List<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String> cart,
        @Schema(description = "SKU being viewed") @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String currentProduct,
        @NotNull @NotEmpty @Size(max = 100) List<@NotNull @Valid Section> sections,
        @Schema(description = "The same order, under a random decisionId that takes no outcomes: nothing recorded, kept for a "
                + "refresh or learnt", defaultValue = "false")
        Boolean dryRun,
        @Schema(description = "The page (e.g. home, category-shoes): the layout's placement on channel web. Sections learn their "
                + "clicks per page, an experiment on channel web and this placement covers it, a refresh is per page",
                defaultValue = "page")
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String page,
        @Schema(description = "An anonymous visitor's stable id (a first-party cookie): keeps them in one experiment arm. "
                + "Ignored when customerId is given")
        @Size(max = 200) String visitorId) {

    /** The page when none is named. */
    public static final String DEFAULT_PAGE = "page";

    @Schema(name = "PageSection", description = "A section: what it is about, as a product category and/or tags matched like categories")
    public record Section(
            @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String id,
            @Size(max = 100) String category,
            @Size(max = 20) List<@NotNull @Size(min = 1, max = 100) String> tags) {
    }
}
