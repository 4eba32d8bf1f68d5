package dev.pertinence.decide.store;

import dev.pertinence.decide.DecisionResult;
import dev.pertinence.decide.PageDecision;
import dev.pertinence.decide.PastDecision;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.SessionContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision's answer as kept for its audit (column {@code decision.answer}), in short keys: it is
 * written for every decision and read back rarely. Absent keys are null, false or empty.
 *
 * <pre>
 * {"c": {"t": local time with offset, "k": [cart], "p": product viewed, "l": [lat, lon], "s": store, "d": device},
 *  "o": [{"t": title, "m": message as shown, "c": category,
 *         "f": [propensity, affinity, popularity, learnedLift, value, lever, contextWeight, novelty],
 *         "x": true when explored, "r": [reasons]}, ... in rank order, as the offers column],
 *  "n": [notes], "g": [degraded]}
 * </pre>
 * A page layout's has {@code "s": [{"p": the page's own position, "r": reason}, ...]} instead of {@code "o"}.
 *
 * Written by hand on the decision's thread (a few hundred bytes, no reflection); every string is
 * escaped, and a NUL, which PostgreSQL refuses in text (and with it the whole batch), is dropped.
 */
final class AnswerJson {

    private AnswerJson() {
    }

    static String write(DecisionResult result) {
        StringBuilder json = new StringBuilder(256 + 384 * result.decision().offers().size()).append('{');
        SessionContext context = result.context();
        context(json, context);
        json.append(context != null ? "," : "").append("\"o\":[");
        boolean first = true;
        for (RankedOffer offer : result.decision().offers()) {
            json.append(first ? "{" : ",{");
            first = false;
            string(json.append("\"t\":"), offer.offer().title());
            if (offer.message() != null) {
                string(json.append(",\"m\":"), offer.message());
            }
            if (offer.offer().category() != null) {
                string(json.append(",\"c\":"), offer.offer().category());
            }
            json.append(",\"f\":[");
            number(json, offer.propensity()).append(',');
            number(json, offer.affinity()).append(',');
            number(json, offer.popularity()).append(',');
            number(json, offer.learnedLift()).append(',');
            number(json, offer.offer().value()).append(',');
            number(json, offer.lever()).append(',');
            number(json, offer.contextWeight()).append(',');
            number(json, offer.novelty()).append(']');
            if (offer.explored()) {
                json.append(",\"x\":true");
            }
            if (offer.reasons() != null && !offer.reasons().isEmpty()) {
                strings(json.append(",\"r\":"), offer.reasons());
            }
            json.append('}');
        }
        json.append(']');
        if (!result.notes().isEmpty()) {
            strings(json.append(",\"n\":"), result.notes());
        }
        if (!result.degraded().isEmpty()) {
            strings(json.append(",\"g\":"), result.degraded());
        }
        return json.append('}').toString();
    }

    /** The context as the caller gave it ({@code "c"}), when there is one. */
    private static void context(StringBuilder json, SessionContext context) {
        if (context == null) {
            return;
        }
        json.append("\"c\":{");
        int start = json.length();
        if (context.localTime() != null) {
            field(json, start, "t").append('"').append(context.localTime().toOffsetDateTime()).append('"');
        }
        if (!context.cart().isEmpty()) {
            strings(field(json, start, "k"), context.cart());
        }
        if (context.currentProduct() != null) {
            string(field(json, start, "p"), context.currentProduct());
        }
        if (context.latitude() != null && context.longitude() != null) {
            number(field(json, start, "l").append('['), context.latitude()).append(',');
            number(json, context.longitude()).append(']');
        }
        if (context.storeId() != null) {
            string(field(json, start, "s"), context.storeId());
        }
        if (context.device() != null) {
            string(field(json, start, "d"), context.device());
        }
        json.append('}');
    }

    /**
     * A page layout's answer: the context, {@code "s": [{"p": the page's position, "r": reason}, ...]} in the
     * order given (the sections' ids, positions and scores are the offers column's), notes and degraded.
     */
    static String write(PageDecision layout) {
        StringBuilder json = new StringBuilder(128 + 128 * layout.sections().size()).append('{');
        context(json, layout.context());
        json.append(layout.context() != null ? "," : "").append("\"s\":[");
        boolean first = true;
        for (PageOrder.Placed section : layout.sections()) {
            json.append(first ? "{" : ",{").append("\"p\":").append(section.originalPosition());
            first = false;
            string(json.append(",\"r\":"), section.reason()).append('}');
        }
        json.append(']');
        if (!layout.notes().isEmpty()) {
            strings(json.append(",\"n\":"), layout.notes());
        }
        if (!layout.degraded().isEmpty()) {
            strings(json.append(",\"g\":"), layout.degraded());
        }
        return json.append('}').toString();
    }

    /** A page layout's sections as answered, in its order; those the answer no longer holds have no position nor reason. */
    static List<PastDecision.Section> sections(List<PastDecision.Offer> keyed, String page, JsonObject answer) {
        JsonArray answered = answer == null ? new JsonArray() : answer.getJsonArray("s", new JsonArray());
        String prefix = PageOrder.key(page, "");
        List<PastDecision.Section> sections = new ArrayList<>(keyed.size());
        for (int i = 0; i < keyed.size(); i++) {
            PastDecision.Offer section = keyed.get(i);
            JsonObject shown = i < answered.size() ? answered.getJsonObject(i) : null;
            String id = section.offerId().startsWith(prefix) ? section.offerId().substring(prefix.length()) : section.offerId();
            sections.add(new PastDecision.Section(id, section.rank(), section.score(),
                    shown == null ? null : shown.getInteger("p"), shown == null ? null : shown.getString("r")));
        }
        return List.copyOf(sections);
    }

    /** The context, or null when the answer kept none. */
    static PastDecision.Context context(JsonObject answer) {
        JsonObject context = answer.getJsonObject("c");
        if (context == null) {
            return null;
        }
        JsonArray location = context.getJsonArray("l");
        String time = context.getString("t");
        return new PastDecision.Context(time == null ? null : OffsetDateTime.parse(time), strings(context.getJsonArray("k")),
                context.getString("p"), location == null ? null : location.getDouble(0),
                location == null ? null : location.getDouble(1), context.getString("s"), context.getString("d"));
    }

    /** Each offer as shown, in rank order (the order of the decision's offers column). */
    static List<PastDecision.Shown> shown(JsonObject answer) {
        JsonArray offers = answer.getJsonArray("o", new JsonArray());
        List<PastDecision.Shown> shown = new ArrayList<>(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            JsonObject offer = offers.getJsonObject(i);
            JsonArray f = offer.getJsonArray("f");
            shown.add(new PastDecision.Shown(offer.getString("t"), offer.getString("m"), offer.getString("c"),
                    new PastDecision.Factors(f.getDouble(0), f.getDouble(1), f.getDouble(2), f.getDouble(3), f.getDouble(4),
                            f.getDouble(5), f.getDouble(6), f.getDouble(7)),
                    offer.getBoolean("x", false), strings(offer.getJsonArray("r"))));
        }
        return shown;
    }

    static List<String> notes(JsonObject answer) {
        return strings(answer.getJsonArray("n"));
    }

    static List<String> degraded(JsonObject answer) {
        return strings(answer.getJsonArray("g"));
    }

    private static List<String> strings(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            strings.add(array.getString(i));
        }
        return List.copyOf(strings);
    }

    private static StringBuilder field(StringBuilder json, int start, String key) {
        if (json.length() > start) {
            json.append(',');
        }
        return json.append('"').append(key).append("\":");
    }

    private static StringBuilder strings(StringBuilder json, List<String> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            string(i == 0 ? json : json.append(','), values.get(i));
        }
        return json.append(']');
    }

    /** Not finite (never expected of a score factor) is written 0: JSON has no NaN, and one bad row must not fail its batch. */
    private static StringBuilder number(StringBuilder json, double value) {
        return json.append(Double.isFinite(value) ? value : 0.0);
    }

    static StringBuilder string(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\0' -> { } // PostgreSQL text cannot hold it
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
