package dev.pertinence.decision;

import java.util.Map;

/**
 * Which consent a decision needs, and what an unknown answer means.
 *
 * <ul>
 *   <li>A decision on a channel that reaches the person (email, SMS, push for a store visit, in-app,
 *       an agent's call) needs consent to <em>offers</em> on the matching consent channel
 *       ({@code channels}: decision channel to consent channel; absent or "none": the person came
 *       to us, as on the website, and no channel consent is needed).</li>
 *   <li>Using the profile and purchase history needs consent to <em>profiling</em>; without it a
 *       decision uses the context only (contact caps and refusals still apply: they protect the
 *       person).</li>
 *   <li>A question the person never answered counts as {@code offersWhenUnknown} /
 *       {@code profilingWhenUnknown}: both false by default (conservative; docs/privacy.md).</li>
 * </ul>
 */
public record ConsentPolicy(Map<String, String> channels, boolean offersWhenUnknown, boolean profilingWhenUnknown) {

    public static final String OFFERS = "offers";
    public static final String PROFILING = "profiling";

    public static final ConsentPolicy DEFAULT = new ConsentPolicy(Map.of("email", "email", "sms", "sms", "app", "in_app",
            "store", "push", "call_centre", "phone"), false, false);

    /** The consent channel a decision on this channel needs, or null when it needs none. */
    public String consentChannel(String decisionChannel) {
        String channel = channels.get(decisionChannel);
        return channel == null || channel.equals("none") ? null : channel;
    }

    /**
     * Why offers may not be proposed on this channel, or null when they may. {@code consents} null:
     * they could not be read, and are not assumed.
     */
    public String offersRefused(Consents consents, String decisionChannel) {
        String channel = consentChannel(decisionChannel);
        if (channel == null) {
            return null;
        }
        if (consents == null) {
            return "Consent could not be checked (profile unavailable): nothing proposed on " + channel;
        }
        Boolean answer = consents.answer(OFFERS, channel);
        if (answer == null) {
            return offersWhenUnknown ? null : "No consent to offers on " + channel + " recorded: nothing proposed";
        }
        return answer ? null : "Offers on " + channel + " refused by the customer: nothing proposed";
    }

    public boolean profilingAllowed(Consents consents) {
        return profilingRefusal(consents) == null;
    }

    /** Why the profile and history may not be used ("Profiling refused by the customer"), or null when they may. */
    public String profilingRefusal(Consents consents) {
        Boolean answer = consents.answer(PROFILING, null);
        if (answer == null) {
            return profilingWhenUnknown ? null : "No consent to profiling recorded";
        }
        return answer ? null : "Profiling refused by the customer";
    }
}
