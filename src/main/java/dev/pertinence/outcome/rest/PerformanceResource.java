package dev.pertinence.outcome.rest;

import dev.pertinence.budget.service.BudgetSpendings;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.decision.OfferBudget;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.offer.OfferCost;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    private final Duration maxSpan;
    private final BudgetSpendings budgets;

    public PerformanceResource(PerformanceReader reader, PertinenceConfig config, BudgetSpendings budgets) {
        this.reader = reader;
        this.maxSpan = config.outcome().performanceMaxSpan();
        this.budgets = budgets;
    }

    @GET
    @Operation(operationId = "getOfferPerformance", summary = "What an offer returned: impressions, responses, conversions and their value, "
            + "its cost, net and return on investment, per channel and segment, and day by day",
            description = "Over a period of at most pertinence.outcome.performance-max-span (366 days). Cost is the period's counts "
                    + "times the offer's current cost (a cost change re-prices the past).")
    @APIResponse(responseCode = "200", description = "The offer's figures over the period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PerformanceView.class)))
    @APIResponse(responseCode = "400", description = "from or to is not an ISO instant, from is not before to, or the period is "
            + "longer than the maximum span", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No offer has this id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<PerformanceView> performance(@Parameter(description = "An id as it was created: " + ApiPatterns.ID_MESSAGE, schema = @Schema(type = SchemaType.STRING, pattern = ApiPatterns.ID)) @PathParam("offerId") String offerId,
                                            @Parameter(description = "ISO instant, inclusive; default: the maximum span before to") @QueryParam("from") String from,
                                            @Parameter(description = "ISO instant, exclusive; default: now") @QueryParam("to") String to) {
        Instant end = instant(to, "to", Instant.now().plusSeconds(1));
        Instant start = instant(from, "from", end.minus(maxSpan));
        if (!start.isBefore(end)) {
            throw ClientProblem.invalid("from", "from: must be before to");
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ClientProblem.invalid("from", "from: the period may span at most " + maxSpan.toDays() + " days "
                    + "(pertinence.outcome.performance-max-span)");
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
            PerformanceReader.Counts offer = found.orElseThrow(() -> ClientProblem.notFound("offer", offerId));
            List<PerformanceReader.Count> counts = offer.counts();
            OfferCost cost = offer.cost();
            return new PerformanceView(offerId, from == null ? null : start, to == null ? null : end,
                    figures(counts, cost),
                    grouped(counts, PerformanceReader.Count::channel).entrySet().stream()
                            .map(e -> new PerformanceView.ByChannel(e.getKey(), figures(e.getValue(), cost))).toList(),
                    grouped(counts, PerformanceReader.Count::segment).entrySet().stream()
                            .map(e -> new PerformanceView.BySegment(e.getKey(), figures(e.getValue(), cost))).toList(),
                    grouped(counts, c -> c.channel() + "\u0000" + c.segment()).entrySet().stream()
                            .map(e -> new PerformanceView.ByChannelAndSegment(e.getValue().get(0).channel(),
                                    e.getValue().get(0).segment(), figures(e.getValue(), cost))).toList(),
                    cost.isNone() ? null : new PerformanceView.Cost(cost.perImpression(), cost.perAccept(), cost.perRedemption()),
                    daily(counts, cost, start, end), budget);
        });
    }

    private static Map<String, List<PerformanceReader.Count>> grouped(List<PerformanceReader.Count> counts,
                                                                      Function<PerformanceReader.Count, String> by) {
        Map<String, List<PerformanceReader.Count>> groups = new TreeMap<>();
        counts.forEach(count -> groups.computeIfAbsent(by.apply(count), k -> new java.util.ArrayList<>()).add(count));
        return groups;
    }

    /** Every UTC day the period touches, with zeros where nothing happened. */
    static List<PerformanceView.Day> daily(List<PerformanceReader.Count> counts, OfferCost cost, Instant from, Instant to) {
        Map<LocalDate, List<PerformanceReader.Count>> byDay = new TreeMap<>();
        counts.forEach(count -> byDay.computeIfAbsent(count.day(), k -> new java.util.ArrayList<>()).add(count));
        List<PerformanceView.Day> days = new java.util.ArrayList<>();
        LocalDate last = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            List<PerformanceReader.Count> ofDay = byDay.getOrDefault(day, List.of());
            BigDecimal value = value(ofDay);
            BigDecimal spent = cost(ofDay, cost);
            days.add(new PerformanceView.Day(day, sum(ofDay, "impression"), sum(ofDay, "accept"), sum(ofDay, "convert"),
                    value, spent, value.subtract(spent)));
        }
        return days;
    }

    static PerformanceView.Figures figures(List<PerformanceReader.Count> counts, OfferCost cost) {
        long impressions = sum(counts, "impression");
        long clicks = sum(counts, "click");
        long accepts = sum(counts, "accept");
        long refusals = sum(counts, "refuse");
        long dismissals = sum(counts, "dismiss");
        long conversions = sum(counts, "convert");
        BigDecimal value = value(counts);
        BigDecimal spent = cost(counts, cost);
        BigDecimal net = value.subtract(spent);
        return new PerformanceView.Figures(impressions, clicks, accepts, refusals, dismissals, conversions, value,
                rate(clicks, impressions), rate(accepts, impressions), rate(refusals, impressions),
                rate(conversions, impressions),
                impressions == 0 ? null : value.divide(BigDecimal.valueOf(impressions), 4, RoundingMode.HALF_UP),
                redemptions(counts), spent, net,
                spent.signum() == 0 ? null : net.divide(spent, 4, RoundingMode.HALF_UP));
    }

    private static BigDecimal value(List<PerformanceReader.Count> counts) {
        return counts.stream().filter(c -> c.type().equals("convert")).map(PerformanceReader.Count::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long redemptions(List<PerformanceReader.Count> counts) {
        return counts.stream().mapToLong(PerformanceReader.Count::redemptions).sum();
    }

    /** Counts times the offer's cost now. */
    private static BigDecimal cost(List<PerformanceReader.Count> counts, OfferCost cost) {
        return cost.impression().multiply(BigDecimal.valueOf(sum(counts, "impression")))
                .add(cost.accept().multiply(BigDecimal.valueOf(sum(counts, "accept"))))
                .add(cost.redemption().multiply(BigDecimal.valueOf(redemptions(counts))));
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
