package dev.pertinence.consent.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.consent.ConsentChannel;
import dev.pertinence.decision.ConsentPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.Map;

/** The consent policy from configuration, checked at start-up (a typo in a channel name fails the start). */
@ApplicationScoped
public class ConsentPolicies {

    @Produces
    @jakarta.inject.Singleton
    ConsentPolicy consentPolicy(PertinenceConfig config) {
        return from(config.consent());
    }

    static ConsentPolicy from(PertinenceConfig.Consent consent) {
        Map<String, String> channels = new HashMap<>();
        consent.channel().forEach((decisionChannel, consentChannel) -> {
            Channel.fromWire(decisionChannel, "pertinence.consent.channel");
            if (!consentChannel.equals("none") && ConsentChannel.fromWire(consentChannel) == null) {
                throw new IllegalArgumentException("pertinence.consent.channel." + decisionChannel + ": '" + consentChannel
                        + "' is not one of email, sms, phone, push, in_app, postal, none");
            }
            channels.put(decisionChannel, consentChannel);
        });
        return new ConsentPolicy(Map.copyOf(channels), consent.assumeOffers(), consent.assumeProfiling());
    }
}
