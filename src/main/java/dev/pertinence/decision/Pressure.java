package dev.pertinence.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contact policy applied to one person at one moment, on one channel: how many contacts and
 * exposures the caps still allow, which offers their refusals suppress, how stale the offers
 * they saw without answering have become, and how far their silence has lowered their caps.
 */
final class Pressure {

    private final ContactPolicy policy;
    private final Instant now;
    private final String channel;
    private final int unanswered;
    private final int level;
    private final Cap channelCap;
    private final Cap dailyCap;
    private final Set<String> channelContacts = new HashSet<>();
    private final Set<String> dailyContacts = new HashSet<>();
    private final Map<String, List<Instant>> offerExposures = new HashMap<>();
    private final Map<String, List<Instant>> unansweredShows = new HashMap<>();
    private final Map<String, List<Instant>> refusalsByOffer = new HashMap<>();
    private final Map<String, List<Instant>> refusalsByCategory = new HashMap<>();

    private Pressure(ContactHistory history, ContactPolicy policy, String channel, Instant now) {
        this.policy = policy;
        this.now = now;
        this.channel = channel;
        this.unanswered = unansweredContacts(history.exposures(), policy, now);
        this.level = Math.min(policy.maxPressureLevel(), unanswered / policy.unansweredContacts());
        Cap base = policy.channelCaps().get(channel);
        this.channelCap = base == null ? null : policy.stretched(base, level);
        this.dailyCap = policy.stretched(policy.dailyCap(), level);
        for (Exposure exposure : history.exposures()) {
            if (exposure.status() == Exposure.Status.RESERVED && !within(exposure.at(), policy.reservationHold())) {
                continue; // proposed but never reported shown: the hold has lapsed
            }
            if (channelCap != null && exposure.channel().equals(channel) && within(exposure.at(), channelCap.window())) {
                channelContacts.add(exposure.decisionId());
            }
            if (within(exposure.at(), dailyCap.window())) {
                dailyContacts.add(exposure.decisionId());
            }
            offerExposures.computeIfAbsent(exposure.offerId(), id -> new ArrayList<>(2)).add(exposure.at());
            if (exposure.status() == Exposure.Status.SHOWN) {
                unansweredShows.computeIfAbsent(exposure.offerId(), id -> new ArrayList<>(2)).add(exposure.at());
            }
        }
        for (ContactHistory.Refusal refusal : history.refusals()) {
            refusalsByOffer.computeIfAbsent(refusal.offerId(), id -> new ArrayList<>(2)).add(refusal.at());
            if (refusal.category() != null) {
                refusalsByCategory.computeIfAbsent(refusal.category(), id -> new ArrayList<>(2)).add(refusal.at());
            }
        }
    }

    static Pressure of(ContactHistory history, ContactPolicy policy, String channel, Instant now) {
        return new Pressure(history, policy, channel, now);
    }

    /**
     * Contacts shown without any response, newest first, until the first answered one. Contacts
     * younger than the response grace are passed over (the person may still answer), unless
     * answered; contacts never reported shown do not count.
     */
    static int unansweredContacts(List<Exposure> exposures, ContactPolicy policy, Instant now) {
        Map<String, Instant> shownAt = new LinkedHashMap<>();
        Set<String> answered = new HashSet<>();
        for (Exposure exposure : exposures) { // newest first
            if (exposure.status() == Exposure.Status.RESERVED) {
                continue;
            }
            shownAt.merge(exposure.decisionId(), exposure.at(), (a, b) -> a.isAfter(b) ? a : b);
            if (exposure.responded()) {
                answered.add(exposure.decisionId());
            }
        }
        List<Map.Entry<String, Instant>> contacts = new ArrayList<>(shownAt.entrySet());
        contacts.sort(Map.Entry.<String, Instant>comparingByValue().reversed());
        int count = 0;
        for (Map.Entry<String, Instant> contact : contacts) {
            if (answered.contains(contact.getKey())) {
                break;
            }
            if (Duration.between(contact.getValue(), now).compareTo(policy.responseGrace()) >= 0) {
                count++;
            }
        }
        return count;
    }

    int level() {
        return level;
    }

    int unanswered() {
        return unanswered;
    }

    /** Why this person cannot be contacted on this channel now, or null when they can. */
    String contactBlocked() {
        if (channelCap != null && channelContacts.size() >= channelCap.count()) {
            return "Contact cap reached: at most " + channelCap.describe() + " on " + channel + levelNote();
        }
        if (dailyContacts.size() >= dailyCap.count()) {
            return "Contact cap reached: at most " + dailyCap.describe() + " across channels" + levelNote();
        }
        return null;
    }

    /** Why this offer may not be proposed to this person now, or null. */
    DroppedOffer blocked(CandidateOffer offer, double score) {
        String suppression = suppression(offer);
        if (suppression != null) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.SUPPRESSED, suppression, score);
        }
        List<Instant> times = offerExposures.get(offer.id());
        if (times == null) {
            return null;
        }
        Cap cap = offer.frequencyCap(policy);
        int shown = 0;
        for (Instant at : times) {
            shown += within(at, cap.window()) ? 1 : 0;
        }
        if (shown >= cap.count()) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.CAPPED,
                    "shown " + shown + " times to this person: at most " + cap.describe(), score);
        }
        return null;
    }

    private String suppression(CandidateOffer offer) {
        String byOffer = suppressedBy(refusalsByOffer.get(offer.id()), policy.refusalsToSuppress());
        if (byOffer != null) {
            return "refused " + byOffer;
        }
        if (offer.category() != null) {
            String byCategory = suppressedBy(refusalsByCategory.get(offer.category()), policy.categoryRefusals());
            if (byCategory != null) {
                return "offers of category '" + offer.category() + "' refused " + byCategory;
            }
        }
        return null;
    }

    /**
     * Suppressed while some refusal less than the suppression period ago closes a run of N
     * refusals within the refusal window.
     */
    private String suppressedBy(List<Instant> refusals, int threshold) {
        if (refusals == null || refusals.size() < threshold) {
            return null;
        }
        List<Instant> times = new ArrayList<>(refusals);
        times.sort(java.util.Comparator.reverseOrder());
        for (int i = 0; i + threshold - 1 < times.size(); i++) {
            Instant last = times.get(i);
            if (!within(last, policy.suppressionPeriod())) {
                return null; // older ones end even earlier
            }
            Instant first = times.get(i + threshold - 1);
            if (Duration.between(first, last).compareTo(policy.refusalWindow()) <= 0) {
                return (threshold == 1 ? "once" : threshold + " times within " + policy.refusalWindow().toDays() + " days")
                        + ": suppressed until " + last.plus(policy.suppressionPeriod());
            }
        }
        return null;
    }

    /** 1 for an offer not shown lately without a response; less the more often and the more recently it was. */
    double novelty(String offerId) {
        List<Instant> shows = unansweredShows.get(offerId);
        if (shows == null) {
            return 1.0;
        }
        double novelty = 1.0;
        double halfLife = policy.noveltyHalfLife().toSeconds();
        for (Instant shown : shows) {
            double age = Math.max(0, Duration.between(shown, now).toSeconds());
            novelty *= 1.0 - policy.noveltyPenalty() * Math.pow(0.5, age / halfLife);
        }
        return novelty;
    }

    /** How many times an offer was shown lately without a response (for the reason). */
    int unansweredShows(String offerId) {
        List<Instant> shows = unansweredShows.get(offerId);
        return shows == null ? 0 : shows.size();
    }

    /** Offers whose novelty this person lowered: their score is theirs alone. */
    Set<String> staleOffers() {
        return unansweredShows.keySet();
    }

    /** The caps the atomic reservation enforces, with this person's level applied. */
    ContactCaps caps() {
        return new ContactCaps(channelCap, dailyCap);
    }

    String levelNote() {
        return level == 0 ? "" : " (lowered: no response to the last " + unanswered + " contacts)";
    }

    private boolean within(Instant at, Duration window) {
        return at.isAfter(now.minus(window));
    }
}
