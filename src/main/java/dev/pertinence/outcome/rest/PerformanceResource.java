package dev.pertinence.outcome.rest;

import dev.pertinence.budget.service.BudgetSpendings;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.decision.OfferBudget;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.common.security.Roles;
import dev.pertinence.outcome.store.PerformanceReader;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/offers/{offerId}/performance")
@Tag(name = "Offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MARKETER)
public class PerformanceResource {

    private final PerformanceReader reader;
    private final BudgetSpendings budgets;

    public PerformanceResource(PerformanceReader reader, BudgetSpendings budgets) {
        this.reader = reader;
        this.budgets = budgets;
    }

    @GET
    @Operation(operationId = "getOfferPerformance", summary = "What an offer returned: impressions, responses, conversions and their value, with rates, "
            + "per channel and segment")
    public Uni<PerformanceView> performance(@Parameter(description = "An id as it was created: " + ApiPatterns.ID_MESSAGE, schema = @Schema(type = SchemaType.STRING, pattern = ApiPatterns.ID)) @PathParam("offerId") String offerId,
                                            @Parameter(description = "ISO instant, inclusive; default: the beginning") @QueryParam("from") String from,
                                            @Parameter(description = "ISO instant, exclusive; default: now") @QueryParam("to") String to) {
        Instant start = instant(from, "from", Instant.EPOCH);
        Instant end = instant(to, "to", Instant.now().plusSeconds(1));
        if (!start.isBefore(end)) {
            throw ClientProblem.invalid("from", "from: must be before to");
        }
        return reader.budget(offerId)
                .chain(found -> {
                    Optional<OfferBudget> budget = found.orElseThrow(() -> ClientProblem.notFound("offer", offerId));
                    return budget.isEmpty() ? Uni.createFrom().<PerformanceView.Budget>nullItem()
                            : budgets.status(offerId, budget.get()).map(status -> new PerformanceView.Budget(status.count(),
                                    budget.get().of().wire(), status.spent(), status.reserved(), status.left(),
                                    status.pacedAllowanceNow(), status.windowStart(), status.windowEnd()));
                })
                .chain(budget -> performance(offerId, from, to, start, end, budget));
    }

    private Uni<PerformanceView> performance(String offerId, String from, String to, Instant start, Instant end,
                                             PerformanceView.Budget budget) {
        return reader.counts(offerId, start, end).map(found -> {
            List<PerformanceReader.Count> counts = found.orElseThrow(() -> ClientProblem.notFound("offer", offerId));
            return new PerformanceView(offerId, from == null ? null : start, to == null ? null : end,
                    figures(counts),
                    grouped(counts, PerformanceReader.Count::channel).entrySet().stream()
                            .map(e -> new PerformanceView.ByChannel(e.getKey(), figures(e.getValue()))).toList(),
                    grouped(counts, PerformanceReader.Count::segment).entrySet().stream()
                            .map(e -> new PerformanceView.BySegment(e.getKey(), figures(e.getValue()))).toList(),
                    grouped(counts, c -> c.channel() + "\u0000" + c.segment()).entrySet().stream()
                            .map(e -> new PerformanceView.ByChannelAndSegment(e.getValue().get(0).channel(),
                                    e.getValue().get(0).segment(), figures(e.getValue()))).toList(), budget);
        });
    }

    private static Map<String, List<PerformanceReader.Count>> grouped(List<PerformanceReader.Count> counts,
                                                                      Function<PerformanceReader.Count, String> by) {
        Map<String, List<PerformanceReader.Count>> groups = new TreeMap<>();
        counts.forEach(count -> groups.computeIfAbsent(by.apply(count), k -> new java.util.ArrayList<>()).add(count));
        return groups;
    }

    static PerformanceView.Figures figures(List<PerformanceReader.Count> counts) {
        long impressions = sum(counts, "impression");
        long clicks = sum(counts, "click");
        long accepts = sum(counts, "accept");
        long refusals = sum(counts, "refuse");
        long dismissals = sum(counts, "dismiss");
        long conversions = sum(counts, "convert");
        BigDecimal value = counts.stream().filter(c -> c.type().equals("convert")).map(PerformanceReader.Count::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new PerformanceView.Figures(impressions, clicks, accepts, refusals, dismissals, conversions, value,
                rate(clicks, impressions), rate(accepts, impressions), rate(refusals, impressions),
                rate(conversions, impressions),
                impressions == 0 ? null : value.divide(BigDecimal.valueOf(impressions), 4, RoundingMode.HALF_UP));
    }

    private static long sum(List<PerformanceReader.Count> counts, String type) {
        return counts.stream().filter(c -> c.type().equals(type)).mapToLong(PerformanceReader.Count::count).sum();
    }

    private static Double rate(long count, long impressions) {
        return impressions == 0 ? null : (double) count / impressions;
    }

    private static Instant instant(String value, String field, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ClientProblem.invalid(field, field + ": '" + LogSafe.value(value) + "' is not an ISO-8601 instant (e.g. 2026-11-01T00:00:00Z)");
        }
    }
}
