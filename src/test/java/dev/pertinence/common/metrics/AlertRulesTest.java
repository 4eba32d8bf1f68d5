package dev.pertinence.common.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules (k8s/monitoring/alerts.yaml) name only series the service exports: a renamed
 * meter would otherwise leave an alert that never fires.
 */
@QuarkusTest
class AlertRulesTest {

    private static final Pattern SERIES = Pattern.compile("\\bpertinence_[a-z_]+");

    @Test
    void everySeriesAnAlertReadsIsExported() throws IOException {
        given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", "ar-slot")).post("/v1/decisions")
                .then().statusCode(200);
        Set<String> exported = PrometheusText.parse(given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                        .extract().asString(), PrometheusText.Format.TEXT).values().stream()
                .flatMap(family -> family.samples().stream()).map(PrometheusText.Sample::name).collect(Collectors.toSet());

        Set<String> read = new TreeSet<>();
        JsonNode groups = new ObjectMapper(new YAMLFactory()).readTree(Path.of("k8s/monitoring/alerts.yaml").toFile()).get("groups");
        groups.forEach(group -> group.get("rules").forEach(rule -> {
            Matcher series = SERIES.matcher(rule.get("expr").asText());
            while (series.find()) {
                read.add(series.group());
            }
        }));
        assertTrue(read.size() >= 9, "the rules were read: " + read);
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(exported);
        assertTrue(missing.isEmpty(), "series the alerts read that the service does not export: " + missing);
    }
}
