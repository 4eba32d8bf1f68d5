package dev.pertinence.decision;

import java.time.LocalDate;
import java.util.List;

/** What is known of the person; any field may be null (unknown). */
public record CustomerProfile(String id, String firstName, String lastName, String gender, LocalDate birthDate,
                              String region, String postalCode, List<String> segments, String loyaltyTier,
                              Integer loyaltyPoints, String homeStore) {
}
