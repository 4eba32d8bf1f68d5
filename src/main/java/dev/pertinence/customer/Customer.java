package dev.pertinence.customer;

import java.time.Instant;

/** A stored customer: their profile, and when it was created and last replaced. */
public record Customer(String id, CustomerProfile profile, Instant createdAt, Instant updatedAt) {
}
