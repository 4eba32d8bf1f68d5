package dev.pertinence.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What is known about a customer; every field may be null when it is unknown. As given, it is
 * what a caller wants stored (provenance for some fields, or none); as read, what is stored
 * (provenance for every field that has a value).
 */
public record CustomerProfile(
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
        Map<String, Provenance> provenance) {
}
