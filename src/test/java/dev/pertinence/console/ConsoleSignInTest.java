package dev.pertinence.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The console's frame in a real browser: the development sign-in, and each role seeing only what it may use. */
@QuarkusTest
class ConsoleSignInTest {

    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    private static final Map<String, List<String>> NAVIGATION = Map.of(
            Roles.DECISION_CLIENT, List.of("Agent", "Why this offer"),
            Roles.MARKETER, List.of("Offers", "Experiments", "Model"),
            Roles.DATA_INGEST, List.of("Model"),
            Roles.PRIVACY_OFFICER, List.of("Why this offer"));

    @Test
    void eachRoleSeesOnlyThePagesItMayUse() {
        browser.open("/console/sign-in");
        browser.script("sessionStorage.clear()");
        browser.open("/console");
        browser.wait(driver -> driver.getCurrentUrl().endsWith("/console/sign-in"));
        browser.screenshot("sign-in");
        for (var role : NAVIGATION.entrySet()) {
            browser.signIn(role.getKey());
            List<String> shown = browser.all(By.cssSelector("#nav li")).stream().filter(WebElement::isDisplayed)
                    .map(WebElement::getText).toList();
            assertEquals(role.getValue(), shown, role.getKey());
            List<String> tiles = browser.all(By.cssSelector(".tiles li")).stream().filter(WebElement::isDisplayed)
                    .map(tile -> tile.findElement(By.tagName("strong")).getText()).toList();
            assertEquals(role.getValue().size(), tiles.size(), role.getKey() + ": " + tiles);
            if (role.getKey().equals(Roles.MARKETER)) {
                browser.screenshot("home-marketer");
            }
            browser.find(By.id("sign-out")).click();
            browser.wait(driver -> driver.getCurrentUrl().contains("/console/sign-in"));
        }
    }

    @Test
    void aPageTheRoleMayNotUseSaysSoAndTheApiRefusesItToo() {
        browser.signIn(Roles.MARKETER);
        browser.open("/console/agent");
        WebElement notice = browser.visible(By.id("forbidden"));
        assertEquals("Your role does not give access to this page.", notice.getText());
        assertTrue(!browser.find(By.id("lookup")).isDisplayed(), "the agent's form stays hidden");
        // and whatever the page would do, the API itself answers 403, which the console says plainly
        Object answer = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "api('GET', '/v1/customers/c-1/agent-card').then(() => done('answered'), error => done(explain(error)));");
        assertEquals("Your role does not allow this (the service answered 403 Forbidden).", answer);

        browser.signIn(Roles.DECISION_CLIENT);
        browser.open("/console/offers");
        assertEquals("Your role does not give access to this page.", browser.visible(By.id("forbidden")).getText());
    }

    @Test
    void withoutATokenEveryPageSendsToTheSignIn() {
        browser.open("/console/sign-in");
        browser.script("sessionStorage.clear()");
        for (String page : List.of("/console", "/console/agent", "/console/offers", "/console/decisions", "/console/model")) {
            browser.open(page);
            browser.wait(driver -> driver.getCurrentUrl().endsWith("/console/sign-in"));
        }
    }

    @Test
    void theDevelopmentSignInSignsAShortTokenTheApiAccepts() {
        JsonPath signed = given().formParam("role", Roles.MARKETER).post("/console/sign-in").then().statusCode(200)
                .body("role", equalTo(Roles.MARKETER)).extract().jsonPath();
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(signed.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofMinutes(61)) < 0 && lifetime.compareTo(Duration.ofMinutes(58)) > 0, lifetime.toString());
        given().header("Authorization", "Bearer " + signed.getString("token")).get("/v1/offers").then().statusCode(200);
        given().header("Authorization", "Bearer " + signed.getString("token")).get("/v1/customers/c-1/agent-card").then().statusCode(403);
    }

    /** quarkus-oidc is on the classpath but no provider is configured: nothing of it shows, the API's bearer tokens as before. */
    @Test
    void withoutAProviderTheConsoleNeitherRedirectsNorHandsOutProviderTokens() {
        given().redirects().follow(false).get("/console/offers").then().statusCode(200)
                .body(containsString("data-sign-in=\"/console/sign-in\""))
                .body(containsString("data-session=\"\""));
        given().redirects().follow(false).get("/console/session").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + dev.pertinence.common.Tokens.of(Roles.MARKETER)).redirects().follow(false)
                .get("/v1/offers").then().statusCode(200);
    }

    @Test
    void theSignInRefusesAnUnknownOrMissingRole() {
        given().formParam("role", "admin").post("/console/sign-in").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("role"))
                .body("detail", containsString("decision-client, marketer, data-ingest, privacy-officer"));
        given().contentType("application/x-www-form-urlencoded").post("/console/sign-in").then().statusCode(400)
                .body("field", equalTo("role"));
    }

    @Test
    void thePagesAreNotInTheApiContract() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet().findAll { it.startsWith('/console') }.size()", equalTo(0));
    }
}
