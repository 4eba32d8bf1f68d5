package dev.pertinence.customer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
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
}
