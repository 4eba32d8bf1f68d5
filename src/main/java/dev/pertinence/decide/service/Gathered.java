package dev.pertinence.decide.service;

import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.contact.store.ContactStore.ContactState;
import dev.pertinence.decision.BudgetSpending;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Snapshot;
import dev.pertinence.experiment.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the stores said for one request, read once and not changed after: the core decides from it
 * and nothing else.
 *
 * @param context            the request's moment, its cart and viewed product labelled from the product directory
 * @param asked              whether the caller named a person (a named person who is not found is decided as anonymous)
 * @param person             null for an anonymous visitor, an unknown person, or a profile that could not be read
 * @param history            recent purchases, newest first; empty when profiling is refused
 * @param profilingRefusal   why the profile and history were left out (consent), or null
 * @param profileUnavailable PostgreSQL did not answer within its budget
 * @param modelVersion       the co-purchase model the neighbours come from; null when none could be read
 * @param contacts           the person's contact state; {@link ContactState#NONE} when not read
 * @param contactsKnown      false when it should have been read and could not be: caps cannot be checked
 * @param offersRefused      why no offer may be made on this channel (consent), or null
 * @param assignment         the experiment arm, or null
 * @param experimentUnit     the arm's unit as recorded (a keyed pseudonym), or null
 * @param candidates         the offers for the channel, placement, segment and strategy; null for a page layout
 * @param learned            the learned responses, frozen for this decision
 * @param notes              what the reads met that the answer should say (contact history unavailable, …)
 * @param degraded           what it went without, in the order met: database, redis, no_model
 * @param budgets            the spending of the budgeted candidates, by offer id; empty when none has a budget
 */
public record Gathered(SessionContext context, boolean asked, CustomerProfile person, List<PastPurchase> history,
                       String profilingRefusal, boolean profileUnavailable, Map<String, List<Neighbour>> neighbours,
                       String modelVersion, ContactState contacts, boolean contactsKnown, String offersRefused,
                       Assignment assignment, Long experimentUnit, CandidateSet candidates, LearnedResponses learned,
                       List<String> notes, List<String> degraded, Map<String, BudgetSpending> budgets) {

    public Gathered(SessionContext context, boolean asked, CustomerProfile person, List<PastPurchase> history,
                    String profilingRefusal, boolean profileUnavailable, Map<String, List<Neighbour>> neighbours,
                    String modelVersion, ContactState contacts, boolean contactsKnown, String offersRefused,
                    Assignment assignment, Long experimentUnit, CandidateSet candidates, LearnedResponses learned,
                    List<String> notes, List<String> degraded) {
        this(context, asked, person, history, profilingRefusal, profileUnavailable, neighbours, modelVersion, contacts,
                contactsKnown, offersRefused, assignment, experimentUnit, candidates, learned, notes, degraded, Map.of());
    }

    /** The core's input for this request. */
    public Snapshot snapshot(java.time.Instant now, DecisionQuery query) {
        return new Snapshot(now, person, history, context, neighbours, modelVersion != null, candidates, query.limit(),
                query.explain(), query.allowSameCategory(), contacts.history(), learned,
                candidates.strategy().exploration() > 0 ? new SplittableRandom() : null, budgets);
    }

    /**
     * What the answer says about the person's data, in the caller's words ({@code verb}: decided,
     * ordered; {@code scope}: what is left when profiling is refused).
     */
    public List<String> notes(String verb, String scope) {
        List<String> all = new ArrayList<>(notes.size() + 2);
        if (profileUnavailable) {
            all.add("Profile and purchases unavailable: " + verb + " from the session only");
        }
        all.addAll(notes);
        if (profilingRefusal != null) {
            all.add(profilingRefusal + ": " + verb + " from the " + scope + " only");
        }
        if (asked && person == null && !profileUnavailable && profilingRefusal == null) {
            all.add("Unknown customer: " + verb + " as for an anonymous visitor");
        }
        return all;
    }

    public String customerId() {
        return person == null ? null : person.id();
    }

    public String segment() {
        return candidates == null ? null : candidates.segment();
    }
}
