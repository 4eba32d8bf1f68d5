package dev.pertinence.offer.message;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.MessageFields;
import dev.pertinence.decision.MessageTemplate;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offer messages are Qute templates over {@code customer} (greeting, firstName, fullName, tier,
 * points, homeStore), {@code moment} and {@code store} (name: the store a store visit is in), each already resolved to the person's value or a neutral
 * fallback ({@link MessageFields}). A message is checked when the offer is saved: it must parse,
 * use nothing but those values, {@code {#if}} sections and {@code or} fallbacks (no loop, no
 * include, no namespace such as {@code config:} or {@code inject:}, no method), and render both
 * for a fully known person and for one nobody knows anything about (strict rendering: an unknown
 * variable fails), so a message never shows "null" or a gap. Without loops a rendering takes time
 * in proportion to the template (at most 2,000 characters) and is cut at
 * {@code pertinence.messages.max-rendered-length} all the same.
 */
@ApplicationScoped
public class MessageCompiler {

    /** The most a message can say, to check a template against. */
    static final CustomerProfile KNOWN = new CustomerProfile("check", "Jeanne", "Rousseau", "female", LocalDate.of(1985, 4, 12),
            "Rhône", "69003", List.of("gold"), "gold", 1200, "st-lyon", List.of(), Map.of());

    private static final String VARIABLES = "the variables are customer.greeting, customer.firstName, customer.fullName, "
            + "customer.tier, customer.points, customer.homeStore, moment and store.name";
    /** The store a store visit may name, to check a template against (a longer name is cut at decision time). */
    static final String KNOWN_STORE = "Lyon Part-Dieu";
    /** Sections a message may hold: conditions, nothing that repeats, includes or evaluates. */
    private static final Set<String> SECTIONS = Set.of("if");
    /** Qute's own root section. */
    private static final String ROOT = "$root";
    /** Fallback methods ({@code customer.tier ?: 'valued'} is {@code or}), with a literal argument. */
    private static final Set<String> FALLBACK_METHODS = Set.of("or", "?:");

    private final Engine engine;
    private final int maxRenderedLength;

    @Inject
    public MessageCompiler(Engine engine, PertinenceConfig config) {
        this(engine, config.messages().maxRenderedLength());
    }

    MessageCompiler(Engine engine, int maxRenderedLength) {
        this.engine = engine;
        this.maxRenderedLength = maxRenderedLength;
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
        for (TemplateNode node : template.findNodes(node -> true)) {
            allowed(node);
        }
        MessageTemplate compiled = fields -> cut(render(template, fields));
        for (MessageFields fields : List.of(
                MessageFields.of(KNOWN, MessageFields.Reliability.INFERRED, "Birthday in 3 days").inStore(KNOWN_STORE),
                MessageFields.neutral())) {
            String rendered;
            try {
                rendered = render(template, fields);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot be rendered: " + firstLine(e) + "; " + VARIABLES);
            }
            if (rendered.isBlank()) {
                throw new IllegalArgumentException("renders as nothing");
            }
            if (rendered.length() > maxRenderedLength) {
                throw new IllegalArgumentException("renders as " + rendered.length() + " characters, over the limit of "
                        + maxRenderedLength + " (pertinence.messages.max-rendered-length)");
            }
        }
        return compiled;
    }

    private static String render(Template template, MessageFields fields) {
        return template.data("customer", fields.customer()).data("moment", fields.moment()).data("store", fields.store()).render();
    }

    /** A message is values, conditions and fallbacks: anything else is refused with where it is. */
    private static void allowed(TemplateNode node) {
        if (node.kind() == TemplateNode.Kind.PARAM_DECLARATION) {
            throw refused(node, "a parameter declaration", "only values, {#if} and fallbacks");
        }
        if (node.isSection() && !ROOT.equals(node.asSection().getName()) && !SECTIONS.contains(node.asSection().getName())) {
            throw refused(node, "{#" + node.asSection().getName() + "}", "only {#if} sections (no loop, include or evaluation)");
        }
        if (node.isSection() || node.isExpression()) {
            for (Expression expression : node.getExpressions()) {
                allowed(node, expression);
            }
        }
    }

    private static void allowed(TemplateNode node, Expression expression) {
        if (expression.isLiteral()) {
            return;
        }
        String shown = "{" + expression.toOriginalString() + "}";
        if (expression.hasNamespace()) {
            throw refused(node, shown, "no namespace (" + expression.getNamespace() + ":); " + VARIABLES);
        }
        List<Expression.Part> parts = expression.getParts();
        String root = parts.get(0).getName();
        Map<String, String> fields = "customer".equals(root) ? MessageFields.FALLBACKS
                : "store".equals(root) ? MessageFields.STORE_FALLBACKS : null;
        int values = fields != null ? 2 : "moment".equals(root) ? 1 : 0;
        if (values == 0 || parts.size() < values || parts.get(0).isVirtualMethod()
                || values == 2 && (parts.get(1).isVirtualMethod() || !fields.containsKey(parts.get(1).getName()))) {
            throw refused(node, shown, VARIABLES);
        }
        for (Expression.Part part : parts.subList(values, parts.size())) {
            if (!part.isVirtualMethod() || !FALLBACK_METHODS.contains(part.getName())
                    || !part.asVirtualMethod().getParameters().stream().allMatch(Expression::isLiteral)) {
                throw refused(node, shown, "a value may only be followed by a fallback, e.g. {customer.tier ?: 'valued'}; " + VARIABLES);
            }
        }
    }

    private static IllegalArgumentException refused(TemplateNode node, String what, String allowed) {
        return new IllegalArgumentException(what + " at line " + node.getOrigin().getLine() + " is not allowed in a message: "
                + allowed);
    }

    /** Cut at the limit, on a word where there is one: a message never grows past what a screen or an SMS holds. */
    private String cut(String rendered) {
        if (rendered.length() <= maxRenderedLength) {
            return rendered;
        }
        int end = rendered.lastIndexOf(' ', maxRenderedLength - 1);
        return rendered.substring(0, end > maxRenderedLength / 2 ? end : maxRenderedLength - 1) + "…";
    }

    private static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.split("\n")[0];
    }
}
