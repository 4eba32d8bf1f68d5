package dev.pertinence.offer.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.MessageFields;
import dev.pertinence.decision.MessageTemplate;
import dev.pertinence.offer.message.MessageCompiler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * An offer's message as a chosen person would read it, beside what someone nobody knows anything
 * about reads (the neutral fallbacks), checked as saving the offer checks it. The person is one the
 * marketer describes (a name, a tier, points), never a real customer's profile: marketers do not
 * read a person's data (docs/security.md).
 */
@ApplicationScoped
public class MessagePreviews {

    private final MessageCompiler messages;

    public MessagePreviews(MessageCompiler messages) {
        this.messages = messages;
    }

    /** @throws ClientProblem 400 naming {@code message} when saving an offer with it would be refused */
    public Preview preview(String message, Persona person, String storeName) {
        MessageTemplate template;
        try {
            template = messages.compile(message);
        } catch (IllegalArgumentException e) {
            throw ClientProblem.invalid("message", "message: " + e.getMessage());
        }
        Persona described = person == null ? new Persona(null, null, null, null, null, null) : person;
        CustomerProfile profile = new CustomerProfile(null, described.firstName(), described.lastName(), described.gender(), null,
                null, null, List.of(), described.loyaltyTier(), described.loyaltyPoints(), described.homeStore());
        MessageFields personal = MessageFields.of(profile, MessageFields.Reliability.INFERRED, null);
        MessageFields neutral = MessageFields.neutral();
        if (storeName != null && !storeName.isBlank()) {
            personal = personal.inStore(storeName.trim());
            neutral = neutral.inStore(storeName.trim());
        }
        return new Preview(template.render(personal), template.render(neutral));
    }

    /** The person a message is previewed for; any field may be null (unknown: its fallback is shown). */
    public record Persona(String firstName, String lastName, String gender, String loyaltyTier, Integer loyaltyPoints,
                          String homeStore) {
    }

    /** The message for the person, and for someone nobody knows anything about. */
    public record Preview(String forPerson, String neutral) {
    }
}
