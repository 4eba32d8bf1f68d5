package dev.pertinence.purchase.rest;

import dev.pertinence.purchase.store.PurchaseWriter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What a purchase write stored")
public record PurchaseReport(
        @Schema(description = "Purchase lines received") long lines,
        @Schema(description = "Purchase rows inserted or replaced (lines of one order and SKU are summed)") long stored,
        @Schema(description = "Distinct baskets among the lines") long baskets,
        @Schema(description = "Customers created with a minimal profile") long newCustomers,
        @Schema(description = "Products created with only their SKU") long newProducts,
        long durationMs) {

    static PurchaseReport from(PurchaseWriter.Written written) {
        return new PurchaseReport(written.lines(), written.stored(), written.baskets(), written.newCustomers(),
                written.newProducts(), written.durationMs());
    }
}
