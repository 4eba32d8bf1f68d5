package dev.pertinence.experiment.rest;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.Results;
import dev.pertinence.experiment.ResultsChart;
import dev.pertinence.experiment.service.ExperimentService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/experiments")
@Tag(name = "Experiments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MARKETER)
public class ExperimentResource {

    private final ExperimentService experiments;

    public ExperimentResource(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createExperiment", summary = "Start an experiment on some channels and placements: arms are decision strategies, one usually the control group",
            description = "A decision belongs to one experiment at most: an experiment overlapping another in channel, placement "
                    + "and period is refused (409). Arms and shares never change once created, so nobody changes arm.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "409", description = "It overlaps a running experiment in channel, placement and period",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> create(@NotNull @Valid ExperimentRequest body) {
        Set<String> channels = new HashSet<>();
        body.channels().forEach(channel -> channels.add(channel.wire()));
        Set<String> placements = body.placements() == null ? Set.of() : new HashSet<>(body.placements());
        List<ExperimentService.NewArm> arms = body.arms().stream().map(arm -> new ExperimentService.NewArm(arm.name(),
                arm.share().movePointRight(2).intValueExact(), dev.pertinence.decision.Strategy.Kind.valueOf(arm.strategy().name()),
                arm.levers() == null ? Map.of() : arm.levers(), arm.exploration() == null ? 0.0 : arm.exploration())).toList();
        return experiments.create(body.name(), channels, placements, instant(body.startsAt()), instant(body.endsAt()), arms,
                        body.minimumDetectableEffect(), body.power())
                .map(created -> Response.created(URI.create("/v1/experiments/" + created.id())).entity(view(created)).build());
    }

    @GET
    @Operation(operationId = "listExperiments", summary = "Experiments, the latest first (at most 1,000)")
    public Uni<List<ExperimentView>> list() {
        return experiments.all().map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getExperiment", summary = "An experiment and its arms")
    public Uni<ExperimentView> get(@PathParam("id") String id) {
        return experiments.get(id).map(this::view);
    }

    @POST
    @Path("/{id}/stop")
    @Operation(operationId = "stopExperiment", summary = "End an experiment now; its results stay readable. Stopping an ended one changes nothing")
    public Uni<ExperimentView> stop(@PathParam("id") String id) {
        return experiments.stop(id).map(this::view);
    }

    @GET
    @Path("/{id}/results")
    @Operation(operationId = "getExperimentResults", summary = "Results per arm, overall and per segment, with 95 % intervals, uplift over the baseline and a "
            + "sample-ratio-mismatch check",
            description = "The unit is the person (the unit of assignment): a rate is the share of an arm's people who accepted "
                    + "(converted) at least once; a person counts in the segment of their first decision in the experiment, so "
                    + "segments add up to the whole. Outcomes count through the decision they answer. No uplift is significant "
                    + "before both arms compared have requiredPeoplePerArm people (enoughPeople false: \"not enough people yet\").")
    public Uni<Results> results(@PathParam("id") String id) {
        return experiments.results(id);
    }

    @GET
    @Path("/{id}/results/chart")
    @Produces("image/svg+xml")
    @Operation(operationId = "getExperimentResultsChart", summary = "The results as an SVG chart: a rate per arm with its interval, overall and per segment; each arm's uplift "
            + "with its interval; whether there are enough people yet, and the sample-ratio check")
    @APIResponse(responseCode = "200", description = "The chart",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = SchemaType.STRING)))
    public Uni<String> chart(@PathParam("id") String id,
                             @QueryParam("metric") @DefaultValue("conversion")
                             @Schema(enumeration = {"acceptance", "conversion"}) String metric) {
        return experiments.chart(id, metric(metric));
    }

    private static ResultsChart.Metric metric(String metric) {
        for (ResultsChart.Metric candidate : ResultsChart.Metric.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(metric)) {
                return candidate;
            }
        }
        throw ClientProblem.invalid("metric", "metric is acceptance or conversion");
    }

    private ExperimentView view(Experiment experiment) {
        return new ExperimentView(experiment.id(), experiment.name(), experiment.channels().stream().sorted().toList(),
                experiment.placements().stream().sorted().toList(), experiment.startsAt(), experiment.endsAt(),
                experiments.status(experiment), experiment.baseline().name(),
                experiment.arms().stream().map(arm -> new ExperimentView.ArmView(arm.name(), arm.sharePercent(),
                        arm.strategy().kind().name().toLowerCase(Locale.ROOT), arm.strategy().levers(),
                        arm.strategy().exploration())).toList(), experiment.minimumDetectableEffect(),
                experiment.minimumDetectableEffect() == null ? null : experiment.power());
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
