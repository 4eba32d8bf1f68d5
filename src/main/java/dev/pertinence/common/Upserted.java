package dev.pertinence.common;

/** The result of an upsert: what is stored now, and whether it was created by this call. */
public record Upserted<T>(T value, boolean created) {
}
