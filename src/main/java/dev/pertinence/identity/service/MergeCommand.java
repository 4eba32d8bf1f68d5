package dev.pertinence.identity.service;

/** Which customer to fold into the survivor (its id or any of its identifiers), and why (may be blank). */
public record MergeCommand(String from, String reason) {
}
