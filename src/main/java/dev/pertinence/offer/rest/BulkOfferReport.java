package dev.pertinence.offer.rest;

public record BulkOfferReport(int created, int updated) {
}
