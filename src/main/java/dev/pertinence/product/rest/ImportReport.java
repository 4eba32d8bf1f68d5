package dev.pertinence.product.rest;

import dev.pertinence.product.service.ProductImporter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What a CSV import stored")
public record ImportReport(
        @Schema(description = "Data lines read (header and blank lines excluded)") long lines,
        @Schema(description = "Rows inserted or replaced") long stored,
        @Schema(description = "Import duration in milliseconds") long durationMs) {

    static ImportReport from(ProductImporter.Imported imported) {
        return new ImportReport(imported.lines(), imported.stored(), imported.durationMs());
    }
}
