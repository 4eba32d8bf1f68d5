package dev.pertinence.decision;

import java.time.LocalDate;
import java.util.List;

/** What is known of the person; any field may be null (unknown). */
public record CustomerProfile(String id, String firstName, String lastName, String gender, LocalDate birthDate,
                              String region, String postalCode, List<String> segments, String loyaltyTier,
                              Integer loyaltyPoints, String homeStore) {

    /** The person without their profile: who they are (for contact caps), nothing about them (no profiling). */
    public CustomerProfile withoutProfile() {
        return new CustomerProfile(id, null, null, null, null, null, null, List.of(), null, null, null);
    }
}
