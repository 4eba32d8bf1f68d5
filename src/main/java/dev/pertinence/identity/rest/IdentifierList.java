package dev.pertinence.identity.rest;

import dev.pertinence.identity.service.IdentityService;
import java.util.List;

public record IdentifierList(String customerId, List<IdentifierView> identifiers) {

    static IdentifierList from(IdentityService.Identifiers found) {
        return new IdentifierList(found.customerId(),
                found.identifiers().stream().map(identifier -> IdentifierView.from(found.customerId(), identifier)).toList());
    }
}
