package dev.pertinence.decide.service;

import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.contact.service.Appetences;
import dev.pertinence.identity.service.CustomerResolver;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The channel a decision is made on when the caller lets the service choose among some
 * ({@code bestChannelAmong}): the one the person answers best on and consented to; the context's
 * channel for an anonymous visitor, an unknown person, or a person with no such channel.
 */
@ApplicationScoped
public class BestChannel {

    private final CustomerResolver resolver;
    private final Appetences appetences;

    public BestChannel(CustomerResolver resolver, Appetences appetences) {
        this.resolver = resolver;
        this.appetences = appetences;
    }

    public Uni<DecisionQuery> choose(DecisionQuery query) {
        if (query.customer() == null || query.bestChannelAmong().isEmpty()) {
            return Uni.createFrom().item(query);
        }
        return resolver.resolve(query.customer()).chain(id -> id == null ? Uni.createFrom().item(query)
                : appetences.of(id, query.bestChannelAmong().stream().distinct().toList())
                        .map(found -> found.best() == null ? query : query.on(found.best())));
    }
}
