package dev.pertinence.customer.rest;

import dev.pertinence.customer.CustomerProfile;
import dev.pertinence.customer.Gender;
import dev.pertinence.customer.Provenance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A customer profile; every field may be omitted when it is unknown")
public record CustomerRequest(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        Gender gender,
        @Past LocalDate birthDate,
        @Size(max = 100) String region,
        @Size(max = 20) String postalCode,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> segments,
        @Size(max = 32) String loyaltyTier,
        @PositiveOrZero @Max(1_000_000_000) Integer loyaltyPoints,
        @Size(max = 64) String homeStore,
        @Schema(description = "Per profile field (firstName, birthDate, ...), its source and reliability; "
                + "a field given without provenance is recorded as source 'api', reliability 'declared'")
        Map<@NotBlank String, @Valid Provenance> provenance) {

    static CustomerProfile toProfile(CustomerRequest request) {
        return new CustomerProfile(request.firstName(), request.lastName(), request.gender(), request.birthDate(),
                request.region(), request.postalCode(), request.segments(), request.loyaltyTier(), request.loyaltyPoints(),
                request.homeStore(), request.provenance());
    }
}
