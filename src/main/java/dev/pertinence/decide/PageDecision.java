package dev.pertinence.decide;

import dev.pertinence.decision.PageOrder;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.experiment.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A page layout as decided and recorded: its id (time-ordered; random for a dry run), the customer as
 * resolved (null for an anonymous visitor), the page (the placement, on channel {@link PageQuery#CHANNEL}),
 * the visitor's segment, the model read, the sections in this visitor's order, the notes, what it went
 * without, the experiment arm and its unit (null outside any experiment), and the context as the caller
 * gave it (null for a refreshed layout: its record is the first one's).
 */
public record PageDecision(UUID id, String customerId, String page, String segment, String modelVersion, Instant decidedAt,
                           List<PageOrder.Placed> sections, List<String> notes, List<String> degraded, Assignment assignment,
                           Long experimentUnit, SessionContext context) {
}
