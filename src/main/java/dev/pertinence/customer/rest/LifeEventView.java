package dev.pertinence.customer.rest;

import java.time.Instant;
import java.time.LocalDate;

public record LifeEventView(long id, String type, LocalDate date, boolean recurring, String source, Instant recordedAt) {
}
