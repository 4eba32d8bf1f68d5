package dev.pertinence.common.metrics;

import static io.restassured.RestAssured.given;

/** Test helper: one series' value as /q/metrics shows it now (0 when absent). */
public final class Metric {

    private Metric() {
    }

    /** {@code series}: the name with its labels as exposed, e.g. {@code pertinence_http_shed_total{work="other"}}. */
    public static double value(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
