package dev.pertinence.consent;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test set-up: a customer who agreed to profiling and to offers on the given consent channels. */
public final class Consenting {

    private Consenting() {
    }

    public static void grant(String customer, String... offerChannels) {
        List<Map<String, Object>> answers = new ArrayList<>();
        answers.add(Map.of("purpose", "profiling", "granted", true, "source", "test"));
        for (String channel : offerChannels) {
            answers.add(Map.of("purpose", "offers", "channel", channel, "granted", true, "source", "test"));
        }
        given().contentType(ContentType.JSON).body(Map.of("consents", answers))
                .put("/v1/customers/" + customer + "/consents").then().statusCode(200);
    }
}
