package dev.pertinence.common.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.metrics.PrometheusText.Family;
import dev.pertinence.common.metrics.PrometheusText.Sample;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole of /q/metrics, after a decision and its outcomes, read by a strict parser of the
 * Prometheus text format; the meters issue 7 asks for are there with their types and their
 * low-cardinality tags, and no identifier leaks into a label.
 */
@QuarkusTest
class MetricsExpositionTest {

    /** Every label a pertinence_* series may carry: each takes values from a small set. */
    private static final Set<String> LOW_CARDINALITY = Set.of("channel", "placement", "arm", "type", "cause", "cache",
            "result", "version", "le", "path", "work");

    /** The Accept header of a Prometheus 2.x scrape. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @Test
    void theExpositionIsValidPrometheusTextAndHoldsTheDecisionMeters() throws Exception {
        String run = "mx" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + run, "message", "Try it", "category", run,
                        "channels", List.of("web"), "placements", List.of(run), "businessValue", 10))
                .put("/v1/offers/" + run).then().statusCode(201);
        var decision = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", run + "-person", "channel", "web", "placement", run))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        String decisionId = decision.getString("decisionId");
        given().contentType(ContentType.JSON).body(Map.of("outcomes", List.of(
                        Map.of("decisionId", decisionId, "eventId", run + "-i", "offerId", run, "type", "impression"),
                        Map.of("decisionId", decisionId, "eventId", run + "-a", "offerId", run, "type", "accept"))))
                .post("/v1/outcomes").then().statusCode(200);

        // as Prometheus 2.x asks for it (Quarkus answers the classic text format) and as a client accepting anything
        // (Quarkus answers OpenMetrics): each read by its content type, both formats seen
        Set<PrometheusText.Format> seen = new TreeSet<>();
        for (String accept : List.of(PROMETHEUS_ACCEPT, "*/*")) {
            var response = given().accept(accept).get("/q/metrics").then().statusCode(200).extract();
            PrometheusText.Format format = response.contentType().startsWith("application/openmetrics-text")
                    ? PrometheusText.Format.OPEN_METRICS : PrometheusText.Format.TEXT;
            assertTrue(format == PrometheusText.Format.OPEN_METRICS || response.contentType().startsWith("text/plain; version=0.0.4"),
                    response.contentType());
            // kept for .ci/run, which also checks them with Prometheus' own parser (promtool check metrics) where installed
            Files.createDirectories(Path.of("target/metrics"));
            Files.writeString(Path.of("target/metrics", format.name().toLowerCase(java.util.Locale.ROOT) + ".txt"), response.asString());
            check(PrometheusText.parse(response.asString(), format), format == PrometheusText.Format.TEXT ? "_total" : "", run, decisionId);
            seen.add(format);
        }
        assertEquals(Set.of(PrometheusText.Format.values()), seen);
    }

    /** @param total what a counter's family name ends with: "_total" in the text format, nothing in OpenMetrics */
    private static void check(Map<String, Family> families, String total, String run, String decisionId) {
        Family latency = family(families, "pertinence_decision_latency_seconds", "histogram");
        Set<String> bounds = latency.samples().stream().filter(s -> s.name().endsWith("_bucket") && "web".equals(s.labels().get("channel")))
                .map(s -> s.labels().get("le")).collect(Collectors.toSet());
        assertTrue(bounds.containsAll(Set.of("0.001", "0.002", "0.005", "0.01", "0.025", "+Inf")), "SLO buckets: " + bounds);

        Sample decided = series(family(families, "pertinence_decisions" + total, "counter"), Map.of("channel", "web", "placement", run, "arm", "none"));
        assertTrue(decided.value() >= 1);
        Sample served = series(family(families, "pertinence_decision_offers_served" + total, "counter"),
                Map.of("channel", "web", "placement", run, "arm", "none"));
        assertTrue(served.value() >= 1, "the offer was served");
        assertTrue(series(family(families, "pertinence_outcomes_recorded" + total, "counter"), Map.of("type", "accept")).value() >= 1);
        assertTrue(series(family(families, "pertinence_cache_reloads" + total, "counter"),
                Map.of("cache", "offer_catalogue", "result", "loaded")).value() >= 1, "the new offer made the catalogue reload");
        assertTrue(family(families, "pertinence_catalog_offers", "gauge").samples().get(0).value() >= 1);
        family(families, "pertinence_model_age_seconds", "gauge");
        family(families, "pertinence_model_present", "gauge");

        families.values().stream().filter(f -> f.name().startsWith("pertinence_"))
                .forEach(f -> assertFalse(f.help() == null || f.help().isBlank(), f.name() + " has no help text"));
        // Micrometer's own description quotes "cpu time": HelpTexts makes it single quotes (the parser refuses \")
        assertEquals("The 'cpu time' used by the Java Virtual Machine process", family(families, "process_cpu_time_ns" + total, "counter").help());
        Set<String> labels = new TreeSet<>();
        families.values().stream().filter(f -> f.name().startsWith("pertinence_")).flatMap(f -> f.samples().stream())
                .forEach(sample -> {
                    labels.addAll(sample.labels().keySet());
                    assertFalse(sample.labels().containsValue(run + "-person"), "a customer id in a label: " + sample);
                    assertFalse(sample.labels().containsValue(decisionId), "a decision id in a label: " + sample);
                });
        assertTrue(LOW_CARDINALITY.containsAll(labels), "labels of pertinence_* series: " + labels);
    }

    private static Family family(Map<String, Family> families, String name, String type) {
        Family family = families.get(name);
        assertNotNull(family, name + " exposed");
        assertEquals(type, family.type(), name + "'s type");
        assertNotNull(family.help(), name + "'s help");
        return family;
    }

    private static Sample series(Family family, Map<String, String> labels) {
        return family.samples().stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).findFirst()
                .orElseThrow(() -> new AssertionError(family.name() + labels + " not among " + family.samples()));
    }
}
