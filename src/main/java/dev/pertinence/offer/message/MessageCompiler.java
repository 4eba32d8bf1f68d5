package dev.pertinence.offer.message;

import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.MessageFields;
import dev.pertinence.decision.MessageTemplate;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Offer messages are Qute templates over {@code customer} (greeting, firstName, fullName, tier,
 * points, homeStore) and {@code moment}, each already resolved to the person's value or a neutral
 * fallback ({@link MessageFields}). A message is checked when the offer is saved: it must parse,
 * and render both for a fully known person and for one nobody knows anything about (strict
 * rendering: an unknown variable fails), so a message never shows "null" or a gap.
 */
@ApplicationScoped
public class MessageCompiler {

    /** The most a message can say, to check a template against. */
    static final CustomerProfile KNOWN = new CustomerProfile("check", "Jeanne", "Rousseau", "female", LocalDate.of(1985, 4, 12),
            "Rhône", "69003", List.of("gold"), "gold", 1200, "st-lyon", List.of(), Map.of());

    private final Engine engine;

    public MessageCompiler(Engine engine) {
        this.engine = engine;
    }

    /**
     * Compiles and checks a message.
     *
     * @throws IllegalArgumentException with a message fit for a problem's detail
     */
    public MessageTemplate compile(String source) {
        if (source.indexOf('{') < 0) {
            return MessageTemplate.plain(source);
        }
        Template template;
        try {
            template = engine.parse(source);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid template: " + firstLine(e));
        }
        MessageTemplate compiled = fields -> template.data("customer", fields.customer()).data("moment", fields.moment()).render();
        for (MessageFields fields : List.of(MessageFields.of(KNOWN, MessageFields.Reliability.INFERRED, "Birthday in 3 days"),
                MessageFields.neutral())) {
            String rendered;
            try {
                rendered = compiled.render(fields);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot be rendered: " + firstLine(e) + "; the variables are customer.greeting, "
                        + "customer.firstName, customer.fullName, customer.tier, customer.points, customer.homeStore and moment");
            }
            if (rendered.isBlank()) {
                throw new IllegalArgumentException("renders as nothing");
            }
        }
        return compiled;
    }

    private static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.split("\n")[0];
    }
}
