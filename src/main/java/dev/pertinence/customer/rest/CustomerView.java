package dev.pertinence.customer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.customer.Customer;
import dev.pertinence.customer.CustomerProfile;
import dev.pertinence.customer.Gender;
import dev.pertinence.customer.Provenance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerView(
        String id,
        String firstName,
        String lastName,
        Gender gender,
        LocalDate birthDate,
        String region,
        String postalCode,
        List<String> segments,
        String loyaltyTier,
        Integer loyaltyPoints,
        String homeStore,
        Map<String, Provenance> provenance,
        Instant createdAt,
        Instant updatedAt) {

    static CustomerView from(Customer customer) {
        CustomerProfile profile = customer.profile();
        return new CustomerView(customer.id(), profile.firstName(), profile.lastName(), profile.gender(), profile.birthDate(),
                profile.region(), profile.postalCode(), profile.segments(), profile.loyaltyTier(), profile.loyaltyPoints(),
                profile.homeStore(), profile.provenance(), customer.createdAt(), customer.updatedAt());
    }
}
