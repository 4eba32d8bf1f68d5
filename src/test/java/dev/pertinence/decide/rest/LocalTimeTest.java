package dev.pertinence.decide.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code context.time} is the caller's local time: a rule on {@code context.hour} reads the hour the
 * caller lives in, not the hour in UTC (JSON used to be read into UTC, so 18:45+01:00 was hour 17).
 */
@QuarkusTest
class LocalTimeTest {

    @Test
    void aRuleOnTheHourReadsTheCallersLocalHour() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Evening", "message", "Dinner ideas", "channels", List.of("web"),
                        "placements", List.of("lt-slot"), "businessValue", 10, "rule", "context.hour == 18"))
                .put("/v1/offers/lt-evening").then().statusCode(either(equalTo(200)).or(equalTo(201)));

        decide("2026-11-30T18:45:00+01:00").then().statusCode(200)
                .body("offers.offerId", hasItem("lt-evening"));
        decide("2026-11-30T18:45:00-05:00").then().statusCode(200)
                .body("offers.offerId", hasItem("lt-evening"));
        decide("2026-11-30T17:45:00+01:00").then().statusCode(200)
                .body("offers.offerId", not(hasItem("lt-evening")));
    }

    private static io.restassured.response.Response decide(String time) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("channel", "web", "placement", "lt-slot", "context", Map.of("time", time)))
                .post("/v1/decisions");
    }
}
