package dev.pertinence.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pertinence.common.Tokens;
import dev.pertinence.common.metrics.PrometheusText.Family;
import dev.pertinence.common.metrics.PrometheusText.Sample;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An outsider cannot grow http_server_requests: 1,000 distinct paths (unknown ones, ids of missing
 * decisions, emails, encoded dots up to a probe, headers refused before routing) leave one uri value
 * per route template plus /UNMATCHED, and a real endpoint is still counted afterwards (Micrometer
 * stops recording new uri values after 100 of them, for the life of the process).
 */
@QuarkusTest
class HttpUriTagsTest {

    /** uri values Quarkus itself may use beside the templates. */
    private static final Set<String> FIXED = Set.of(RouteTemplates.UNMATCHED, "NOT_FOUND", "REDIRECTION", "UNKNOWN", "root");

    @TestHTTPResource("/")
    URI base;

    @Inject
    RouteTemplates routeTemplates;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The API's templates are the contract's paths; beside them only the console's pages (docs/console.md), a fixed set. */
    @Test
    void theTemplatesAreTheContractsPaths() throws Exception {
        Set<String> contract = new TreeSet<>();
        new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("openapi.yaml"))).get("paths").fieldNames()
                .forEachRemaining(contract::add);
        assertEquals(contract, new TreeSet<>(routeTemplates.templates().stream().filter(t -> !t.startsWith("/console")).toList()));
        assertEquals(Set.of("/console", "/console/sign-in", "/console/agent", "/console/decisions", "/console/offers",
                        "/console/offers/new", "/console/offers/{id}", "/console/offers/{id}/edit", "/console/experiments",
                        "/console/experiments/{id}", "/console/model", "/console/session", "/console/signed-out"),
                Set.copyOf(routeTemplates.templates().stream().filter(t -> t.startsWith("/console")).toList()));
    }

    @Test
    void aThousandDistinctPathsLeaveTheUriValuesBoundedAndRealEndpointsCounted() throws Exception {
        String token = Tokens.ALL_ROLES;
        String run = "ut" + System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            HttpRequest.Builder request = flood(i, run, token);
            try {
                statuses.add(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException closed) {
                statuses.add(-1); // the connection closed by the HTTP codec
            }
        }
        assertTrue(statuses.contains(431) && statuses.contains(404) && statuses.contains(200), "statuses: " + new TreeSet<>(statuses));

        Set<String> uris = uris(requests());
        Set<String> allowed = new TreeSet<>(routeTemplates.templates());
        allowed.addAll(FIXED);
        Set<String> unexpected = new TreeSet<>(uris);
        unexpected.removeAll(allowed);
        assertEquals(Set.of(), unexpected, "uri values other than route templates");
        assertTrue(uris.size() <= allowed.size() && allowed.size() < 100, uris.size() + " uri values, at most " + allowed.size());
        assertTrue(uris.contains(RouteTemplates.UNMATCHED), "unknown paths collapse into one value: " + uris);
        assertTrue(uris.contains("/v1/decisions/{decisionId}/outcomes"), "answered before routing, still under its route: " + uris);

        // a real endpoint is still counted after the flood
        Map<String, String> offers = Map.of("uri", "/v1/offers", "method", "GET", "status", "200");
        double before = count(requests(), offers);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.send(get("/v1/offers", token).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertEquals(before + 3, count(requests(), offers));
    }

    /** Request i of the flood: each with a path of its own. */
    private HttpRequest.Builder flood(int i, String run, String token) {
        if (i % 100 == 99) { // headers beyond Vert.x's own limit (64K): refused by the HTTP codec
            return get("/" + run + "-" + i + "/huge", token).header("X-Padding", "x".repeat(70 * 1024));
        }
        return switch (i % 5) {
            case 0 -> get("/" + run + "-" + i + "/nothing", token);
            case 1 -> post("/v1/decisions/" + run + "-" + i + "/outcomes", token); // 404 or 400: no such decision
            case 2 -> get("/" + run + "-" + i + "/%2e%2e/q/health/live", null); // the probe, unauthenticated
            case 3 -> get("/v1/customers/jane." + run + i + "@example.com/nothing", token);
            default -> get("/v1/decisions/" + run + "-" + i + "/outcomes", token) // answered before routing: 431
                    .header("X-Padding", "x".repeat(13 * 1024));
        };
    }

    private Family requests() throws Exception {
        String text = http.send(HttpRequest.newBuilder(base.resolve("q/metrics")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return PrometheusText.parse(text, PrometheusText.Format.TEXT).get("http_server_requests_seconds");
    }

    private static Set<String> uris(Family requests) {
        return requests.samples().stream().map(sample -> sample.labels().get("uri")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static double count(Family requests, Map<String, String> labels) {
        return requests.samples().stream().filter(sample -> sample.name().endsWith("_count"))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet())).mapToDouble(Sample::value).sum();
    }

    private HttpRequest.Builder get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).GET();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder post(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
    }
}
