package dev.pertinence.product.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What a CSV import stored")
public record ImportReport(
        @Schema(description = "Data lines read (header and blank lines excluded)") long lines,
        @Schema(description = "Rows inserted or replaced") long stored,
        @Schema(description = "Import duration in milliseconds") long durationMs) {
}
