package dev.pertinence.copurchase;

import static io.restassured.RestAssured.given;

import dev.pertinence.common.Await;
import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Test helper: asks for a model build and waits for it to succeed. */
public final class ModelBuilds {

    private ModelBuilds() {
    }

    /** Returns the finished build; fails the test if it did not succeed. */
    public static JsonPath buildAndWait() {
        String[] id = new String[1];
        Await.until("no build running", Duration.ofSeconds(60), () -> {
            var response = given().post("/v1/models/co-purchase/builds");
            if (response.statusCode() == 202) {
                id[0] = response.jsonPath().getString("id");
                return true;
            }
            return false;
        });
        JsonPath[] build = new JsonPath[1];
        Await.until("build " + id[0], Duration.ofSeconds(120), () -> {
            build[0] = given().get("/v1/models/co-purchase/builds/" + id[0]).jsonPath();
            return !"running".equals(build[0].getString("status"));
        });
        if (!"succeeded".equals(build[0].getString("status"))) {
            throw new AssertionError("model build failed: " + build[0].getString("error"));
        }
        return build[0];
    }
}
