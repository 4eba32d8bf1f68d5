package dev.pertinence.identity.service;

import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.rest.IdentifierList;
import dev.pertinence.identity.rest.IdentifierRequest;
import dev.pertinence.identity.rest.IdentifierView;
import dev.pertinence.identity.store.IdentifierStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Links identifiers to customers: one identifier, one customer. */
@ApplicationScoped
public class IdentityService {

    private final CustomerResolver resolver;
    private final IdentifierStore store;
    private final Clock clock;

    public IdentityService(CustomerResolver resolver, IdentifierStore store, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.clock = clock;
    }

    /** Links; already linked to this customer is fine (not created), to another one is a 409 problem. */
    public Uni<Upserted<IdentifierView>> link(String customer, IdentifierRequest request) {
        CustomerReference reference = resolver.parse(request.type().wire() + ":" + request.value(), "value");
        String source = request.source() == null || request.source().isBlank() ? "api" : request.source().trim();
        return resolver.require(customer, "id").chain(customerId ->
                store.link(reference.key(), request.type().wire(), customerId, source, clock.instant())
                        .chain(linked -> {
                            if (!linked.owner().equals(customerId)) {
                                throw ClientProblem.conflict("value", "identifier " + reference.key()
                                        + " already belongs to another customer; merge the two profiles if they are one person");
                            }
                            return store.list(customerId).map(now -> new Upserted<>(now.stream()
                                    .filter(found -> found.reference().equals(reference.key()))
                                    .map(found -> view(customerId, found)).findFirst().orElseThrow(), linked.created()));
                        }));
    }

    public Uni<IdentifierList> list(String customer) {
        return resolver.require(customer, "id").chain(customerId -> store.list(customerId)
                .map(found -> new IdentifierList(customerId, found.stream().map(identifier -> view(customerId, identifier)).toList())));
    }

    public Uni<Void> unlink(String customer, String identifier) {
        CustomerReference reference = resolver.parse(identifier, "reference");
        if (!reference.isIdentifier()) {
            throw ClientProblem.invalid("reference", "reference: give the identifier as type:value (email:jane@example.com)");
        }
        return resolver.require(customer, "id").chain(customerId -> store.unlink(reference.key(), customerId))
                .map(removed -> {
                    if (!removed) {
                        throw ClientProblem.notFound("reference", "identifier of this customer", reference.key());
                    }
                    return null;
                });
    }

    private static IdentifierView view(String customerId, IdentifierStore.Identifier identifier) {
        String reference = identifier.reference();
        return new IdentifierView(reference, identifier.type(), reference.substring(reference.indexOf(':') + 1), customerId,
                identifier.source(), identifier.addedAt());
    }
}
