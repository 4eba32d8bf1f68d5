package dev.pertinence.customer.rest;

import dev.pertinence.customer.LifeEventType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A moment in the customer's life")
public record LifeEventRequest(
        @NotNull LifeEventType type,
        @Schema(description = "When it happens (or first happened, for a recurring one)", example = "2019-06-14") @NotNull LocalDate date,
        @Schema(description = "Comes back every year on its date; default: true for birthdays, child birthdays and weddings")
        Boolean recurring,
        @Schema(description = "Where it comes from (crm, loyalty-signup, agent, ...); 'api' when omitted") @Size(max = 64) String source) {
}
