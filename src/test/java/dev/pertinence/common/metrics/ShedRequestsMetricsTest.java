package dev.pertinence.common.metrics;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Requests shed at capacity (InFlightLimit, before routing) are counted under their route, not
 * their raw path: here both limits (decisions, other work) are 0, so every API request is shed.
 */
@QuarkusTest
@InvalidRequests // shed before anything reads them: the requests need not be valid
@TestProfile(ShedRequestsMetricsTest.NoCapacity.class)
class ShedRequestsMetricsTest {

    public static class NoCapacity implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pertinence.http.max-in-flight", "0", "pertinence.http.max-in-flight-other", "0");
        }
    }

    @Test
    void shedRequestsCountUnderTheirRoute() {
        String run = "shed" + System.nanoTime();
        for (int i = 0; i < 50; i++) {
            given().contentType("application/json").body("{}").post("/v1/decisions/" + run + "-" + i + "/outcomes").then().statusCode(503);
            given().get("/" + run + "-" + i + "/anything").then().statusCode(503);
        }
        var requests = PrometheusText.parse(given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString(),
                PrometheusText.Format.TEXT).get("http_server_requests_seconds");
        Set<String> shedUris = new TreeSet<>();
        double outcomes = 0;
        for (var sample : requests.samples()) {
            if (sample.name().endsWith("_count") && "503".equals(sample.labels().get("status"))) {
                shedUris.add(sample.labels().get("uri"));
                if ("/v1/decisions/{decisionId}/outcomes".equals(sample.labels().get("uri"))) {
                    outcomes += sample.value();
                }
            }
        }
        assertEquals(Set.of("/v1/decisions/{decisionId}/outcomes", RouteTemplates.UNMATCHED), shedUris);
        assertEquals(50, outcomes);
    }
}
