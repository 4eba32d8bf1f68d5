package dev.pertinence.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The marketer's offer pages in a real browser: a rule checked as it is typed, create, edit, pause and resume. Offers con-of-*. */
@QuarkusTest
class OffersConsoleTest {

    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    private static void type(String id, String text) {
        WebElement field = browser.find(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void aBadRuleIsShownAtItsPositionAsItIsTypedAndTheFixedOfferIsSaved() {
        browser.signIn(Roles.MARKETER);
        browser.open("/console/offers/new");
        type("f-id", "con-of-1");
        type("f-title", "Soup week");
        type("f-message", "{customer.greeting}, everything for a soup at {store.name}");
        // the message as a person the marketer describes reads it (the form's Jeanne Rousseau), and as someone unknown does
        browser.wait(ExpectedConditions.textToBe(By.id("preview-person"), "Dear Ms Rousseau, everything for a soup at our store"));
        assertEquals("Dear customer, everything for a soup at our store", browser.find(By.id("preview-neutral")).getText());
        type("p-store", "Lyon Part-Dieu");
        browser.wait(ExpectedConditions.textToBe(By.id("preview-person"), "Dear Ms Rousseau, everything for a soup at Lyon Part-Dieu"));
        browser.find(By.id("p-last")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        browser.wait(ExpectedConditions.textToBe(By.id("preview-person"), "Dear Jeanne, everything for a soup at Lyon Part-Dieu"));
        browser.find(By.cssSelector("input[name=channels][value=web]")).click();
        browser.find(By.cssSelector("input[name=channels][value=email]")).click();
        type("f-skus", "con-leek, con-carrot");
        type("f-placements", "con-of-slot"); // a placement no other test asks for: this offer never enters their decisions
        type("f-rule", "has(customer.age) &&\n  customer.segment == 'gold'");

        WebElement position = browser.visible(By.id("rule-position"));
        assertEquals("2", position.getAttribute("data-line"));
        assertEquals("11", position.getAttribute("data-column"));
        assertEquals("  customer.segment == 'gold'\n          ^", position.getText().replace("\u00a0", " "));
        assertTrue(browser.find(By.id("rule-error")).getText().startsWith("Line 2, column 11: undefined field 'segment'"),
                browser.find(By.id("rule-error")).getText());
        assertEquals("true", browser.find(By.id("f-rule")).getAttribute("aria-invalid"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", browser.find(By.id("rule-error")));
        browser.screenshot("offer-edit-rule-error");
        type("f-message", "{#for x in customer}{x}{/for}");
        browser.wait(ExpectedConditions.visibilityOfElementLocated(By.id("preview-error")));
        assertEquals("true", browser.find(By.id("f-message")).getAttribute("aria-invalid"));
        type("f-message", "{customer.greeting}, everything for a soup at {store.name}");
        browser.wait(ExpectedConditions.invisibilityOfElementLocated(By.id("preview-error")));

        // saved anyway, the API refuses it with the same position and nothing is stored
        browser.find(By.id("offer-save")).click();
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-save-status"), "rule does not compile at line 2, column 11"));
        given().get("/v1/offers/con-of-1").then().statusCode(404);

        browser.find(By.id("f-rule")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        browser.find(By.id("f-rule")).sendKeys("has(customer.age) && customer.age >= 18");
        browser.wait(ExpectedConditions.visibilityOfElementLocated(By.id("rule-ok")));
        assertEquals("false", browser.find(By.id("f-rule")).getAttribute("aria-invalid"));
        browser.find(By.id("offer-save")).click();
        browser.wait(ExpectedConditions.urlToBe(browser.base() + "/console/offers/con-of-1"));
        given().get("/v1/offers/con-of-1").then().statusCode(200).body("title", equalTo("Soup week"))
                .body("rule", equalTo("has(customer.age) && customer.age >= 18")).body("channels", equalTo(List.of("web", "email")))
                .body("placements", equalTo(List.of("con-of-slot")))
                .body("targetSkus", equalTo(List.of("con-leek", "con-carrot")));
    }

    @Test
    void editingKeepsWhatTheFormDoesNotShowAndPauseResumeWork() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Coffee club", "message", "A coffee on us", "channels", List.of("app"),
                        "placements", List.of("con-of-slot"),
                        "businessValue", 4, "frequencyCap", Map.of("count", 1, "period", "P7D"),
                        "budget", Map.of("count", 500, "of", "impressions", "period", "P7D", "pacing", "asap")))
                .put("/v1/offers/con-of-2").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        browser.signIn(Roles.MARKETER);
        browser.open("/console/offers/con-of-2/edit");
        browser.wait(ExpectedConditions.attributeToBe(By.id("f-title"), "value", "Coffee club"));
        type("f-title", "Coffee club, second cup free");
        browser.find(By.id("offer-save")).click();
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-save-status"), "Saved."));
        given().get("/v1/offers/con-of-2").then().statusCode(200).body("title", equalTo("Coffee club, second cup free"))
                .body("frequencyCap.count", equalTo(1)).body("budget.count", equalTo(500));

        browser.open("/console/offers");
        WebElement row = browser.visible(By.cssSelector("tr[data-offer='con-of-2']"));
        assertTrue(row.getText().contains("active") && row.getText().contains("500 / 500 impressions"), row.getText());
        browser.screenshot("offers");
        row.findElement(By.cssSelector("button[data-toggle='con-of-2']")).click();
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-offer='con-of-2']"), "paused"));
        given().get("/v1/offers/con-of-2").then().body("status", equalTo("paused"));
        browser.find(By.cssSelector("button[data-toggle='con-of-2']")).click();
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-offer='con-of-2']"), "active"));
        given().get("/v1/offers/con-of-2").then().body("status", equalTo("active"));
    }

    @Test
    void aRefusedSaveNamesTheFieldAndFocusesIt() {
        browser.signIn(Roles.MARKETER);
        browser.open("/console/offers/new");
        type("f-id", "con-of-3");
        type("f-title", "No channel");
        type("f-message", "Hello");
        browser.find(By.id("offer-save")).click();
        browser.wait(driver -> driver.findElement(By.id("offer-save-status")).getAttribute("class").contains("error"));
        assertTrue(browser.find(By.id("offer-save-status")).getText().contains("channels"), browser.find(By.id("offer-save-status")).getText());
        given().get("/v1/offers/con-of-3").then().statusCode(404);
    }
}
