package dev.pertinence.experiment.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.experiment.Pseudonyms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The experiment pseudonyms, keyed by {@code pertinence.privacy.pseudonym-key}. */
@ApplicationScoped
public class PseudonymsProducer {

    @Produces
    @Singleton
    Pseudonyms pseudonyms(PertinenceConfig config) {
        return new Pseudonyms(config.privacy().pseudonymKey().orElseThrow(() -> new IllegalStateException(
                "No pseudonym key: set PERTINENCE_PRIVACY_PSEUDONYM_KEY, a secret of at least " + Pseudonyms.MIN_KEY_LENGTH
                        + " characters (docs/security.md)")));
    }
}
