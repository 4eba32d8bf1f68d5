package dev.pertinence.decision;

import java.time.LocalDate;
import java.util.List;

/**
 * What is known of the person; any field may be null (unknown); {@code lifeEvents} and
 * {@code reliability} (field name to verified, declared or inferred; a field not listed is
 * declared) never are.
 */
public record CustomerProfile(String id, String firstName, String lastName, String gender, LocalDate birthDate,
                              String region, String postalCode, List<String> segments, String loyaltyTier,
                              Integer loyaltyPoints, String homeStore, List<LifeEvent> lifeEvents,
                              java.util.Map<String, String> reliability) {

    public CustomerProfile(String id, String firstName, String lastName, String gender, LocalDate birthDate,
                           String region, String postalCode, List<String> segments, String loyaltyTier,
                           Integer loyaltyPoints, String homeStore) {
        this(id, firstName, lastName, gender, birthDate, region, postalCode, segments, loyaltyTier, loyaltyPoints, homeStore,
                List.of(), java.util.Map.of());
    }

    /** The person without their profile: who they are (for contact caps), nothing about them (no profiling). */
    public CustomerProfile withoutProfile() {
        return new CustomerProfile(id, null, null, null, null, null, null, List.of(), null, null, null, List.of(),
                java.util.Map.of());
    }
}
