package dev.pertinence.identity.rest;

import java.util.List;

public record IdentifierList(String customerId, List<IdentifierView> identifiers) {
}
