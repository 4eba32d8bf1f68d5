package dev.pertinence.identity.service;

import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.IdentifierType;
import dev.pertinence.identity.store.IdentifierStore;
import dev.pertinence.identity.store.IdentifierStore.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

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

    /** An identifier and the customer it belongs to. */
    public record Owned(String customerId, Identifier identifier) {
    }

    /** A customer's identifiers. */
    public record Identifiers(String customerId, List<Identifier> identifiers) {
    }

    /**
     * Links; already linked to this customer is fine (not created), to another one is a 409 problem.
     * {@code source} may be blank ('api').
     */
    public Uni<Upserted<Owned>> link(String customer, IdentifierType type, String value, String source) {
        CustomerReference reference = resolver.parse(type.wire() + ":" + value, "value");
        String from = source == null || source.isBlank() ? "api" : source.trim();
        return resolver.require(customer, "id").chain(customerId ->
                store.link(reference.key(), type.wire(), customerId, from, clock.instant())
                        .chain(linked -> {
                            if (!linked.owner().equals(customerId)) {
                                throw ClientProblem.conflict("value", "identifier " + reference.key()
                                        + " already belongs to another customer; merge the two profiles if they are one person");
                            }
                            return store.list(customerId).map(now -> new Upserted<>(now.stream()
                                    .filter(found -> found.reference().equals(reference.key()))
                                    .map(found -> new Owned(customerId, found)).findFirst().orElseThrow(), linked.created()));
                        }));
    }

    public Uni<Identifiers> list(String customer) {
        return resolver.require(customer, "id").chain(customerId -> store.list(customerId)
                .map(found -> new Identifiers(customerId, found)));
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
}
