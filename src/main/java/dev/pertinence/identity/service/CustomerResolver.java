package dev.pertinence.identity.service;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.store.IdentifierStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns what a caller sent (a customer id, a merged-away id, or {@code type:value}) into the
 * customer id it names. Every API that takes a customer goes through here, or through the same
 * SQL where a whole batch is resolved at once (purchase imports).
 */
@ApplicationScoped
public class CustomerResolver {

    private final IdentifierStore identifiers;
    private final String defaultCountryCode;

    public CustomerResolver(IdentifierStore identifiers, PertinenceConfig config) {
        this.identifiers = identifiers;
        String code = config.identity().defaultPhoneCountryCode().trim();
        if (!code.equals("none") && !code.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalStateException("pertinence.identity.default-phone-country-code must be 1-3 digits or 'none', not '"
                    + code + "'");
        }
        this.defaultCountryCode = code.equals("none") ? null : code;
    }

    /** Reads a reference; a malformed one is a 400 problem naming {@code field}. */
    public CustomerReference parse(String raw, String field) {
        try {
            return CustomerReference.parse(raw, defaultCountryCode);
        } catch (IllegalArgumentException e) {
            throw ClientProblem.invalid(field, field + ": " + e.getMessage());
        }
    }

    /**
     * A reference that may name a customer not created yet: an identifier (it must be linked when
     * used), or an id in the shape ids take.
     *
     * @throws IllegalArgumentException with a message fit for a problem's detail
     */
    public CustomerReference writable(String raw) {
        CustomerReference reference = CustomerReference.parse(raw, defaultCountryCode);
        if (!reference.isIdentifier() && !reference.key().matches(ApiPatterns.ID)) {
            throw new IllegalArgumentException(ApiPatterns.ID_MESSAGE + ", or an identifier type:value");
        }
        return reference;
    }

    /** {@link #writable}, a malformed one being a 400 problem naming {@code field}. */
    public CustomerReference parseWritable(String raw, String field) {
        try {
            return writable(raw);
        } catch (IllegalArgumentException e) {
            throw ClientProblem.invalid(field, field + ": " + e.getMessage());
        }
    }

    /** The customer id, or null when nobody answers to the reference. */
    public Uni<String> resolve(CustomerReference reference) {
        return identifiers.resolve(reference.key());
    }

    /** The customer id the reference names; 404 problem when nobody does. */
    public Uni<String> require(String raw, String field) {
        return require(parse(raw, field), field);
    }

    /** The customer id the reference names; 404 problem naming {@code field} when nobody does. */
    public Uni<String> require(CustomerReference reference, String field) {
        return resolve(reference).map(id -> {
            if (id == null) {
                throw reference.isIdentifier()
                        ? ClientProblem.notFound(field, "customer with identifier", reference.key())
                        : ClientProblem.notFound(field, "customer", reference.key());
            }
            return id;
        });
    }
}
