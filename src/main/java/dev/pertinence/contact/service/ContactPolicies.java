package dev.pertinence.contact.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decision.Cap;
import dev.pertinence.decision.ContactPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The contact policy from configuration, checked at start-up (a typo in a channel name fails the start). */
@ApplicationScoped
public class ContactPolicies {

    @Produces
    @jakarta.inject.Singleton
    ContactPolicy contactPolicy(PertinenceConfig config) {
        return from(config.contact());
    }

    static ContactPolicy from(PertinenceConfig.Contact contact) {
        Map<String, Cap> channels = new HashMap<>();
        contact.channel().forEach((name, cap) -> {
            Channel.fromWire(name, "pertinence.contact.channel");
            channels.put(name, new Cap(cap.count(), cap.period()));
        });
        if (contact.pressureReduction() <= 0 || contact.pressureReduction() > 1) {
            throw new IllegalArgumentException("pertinence.contact.pressure-reduction must be in (0, 1]");
        }
        if (contact.noveltyPenalty() < 0 || contact.noveltyPenalty() >= 1) {
            throw new IllegalArgumentException("pertinence.contact.novelty-penalty must be in [0, 1)");
        }
        return new ContactPolicy(Map.copyOf(channels), new Cap(contact.dailyCount(), Duration.ofDays(1)),
                new Cap(contact.offerCount(), contact.offerPeriod()), contact.refusalsToSuppress(),
                contact.categoryRefusals(), contact.refusalWindow(), contact.suppressionPeriod(), contact.unansweredContacts(),
                contact.pressureReduction(), contact.maxPressureLevel(), contact.responseGrace(),
                contact.noveltyPenalty(), contact.noveltyHalfLife(), contact.reservationHold());
    }
}
