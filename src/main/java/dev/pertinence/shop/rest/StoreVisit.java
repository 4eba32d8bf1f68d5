package dev.pertinence.shop.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.shop.service.Visit;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The store the customer is in (if any) and its in-store offers, each with its own coupon")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreVisit(
        String customerId,
        @Schema(description = "Absent when the point is inside no store's geofence") Store store,
        @Schema(description = "Report answers with it (POST /v1/decisions/{id}/outcomes); absent outside every store; "
                + "in a dry run a random UUID no decision has, which outcomes answer with 404")
        UUID decisionId,
        List<Offer> offers,
        @Schema(description = "Why there are no offers, or that this is the same visit as a moment ago") List<String> notes,
        @Schema(description = "true: a dry run, no coupon issued and no visit recorded; absent otherwise") Boolean dryRun) {

    public record Store(String id, String name, long distanceMeters) {
    }

    @Schema(name = "InStoreOffer", description = "An in-store offer with its own single-use coupon")
    public record Offer(String offerId, int rank, String title, String message,
                        @Schema(description = "Absent in a dry run: no coupon is issued") String couponCode,
                        @Schema(description = "The coupon is redeemable before this instant: its offer's validUntil, or "
                                + "pertinence.store.coupon-lifetime (30 days) after its issue when sooner; absent in a dry run")
                        Instant expiresAt) {
    }

    static StoreVisit from(Visit visit) {
        Store store = visit.store() == null ? null
                : new Store(visit.store().fence().storeId(), visit.store().fence().name(), Math.round(visit.store().distanceM()));
        List<Offer> offers = visit.offers().stream().map(offer -> new Offer(offer.offerId(), offer.rank(),
                offer.title(), offer.message(), offer.coupon() == null ? null : offer.coupon().code(),
                offer.coupon() == null ? null : offer.coupon().expiresAt())).toList();
        return new StoreVisit(visit.customerId(), store, visit.decisionId(), offers, visit.notes(),
                visit.dryRun() ? Boolean.TRUE : null);
    }
}
