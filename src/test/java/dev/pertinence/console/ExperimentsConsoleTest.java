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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Experiments and the model in a real browser: an experiment created from the form (on a placement
 * of its own, so no other test's decisions enter it), its results read, stopped; the model page.
 */
@QuarkusTest
class ExperimentsConsoleTest {

    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void aMarketerCreatesAnExperimentReadsItsResultsAndStopsIt() {
        browser.signIn(Roles.MARKETER);
        browser.open("/console/experiments");
        browser.find(By.id("x-name")).sendKeys("Console newsletter test");
        browser.find(By.cssSelector("input[name=x-channels][value=email]")).click();
        browser.find(By.id("x-placements")).sendKeys("con-x-newsletter");
        browser.find(By.cssSelector("#experiment-form button[type=submit]")).click();
        browser.wait(driver -> driver.getCurrentUrl().matches(".*/console/experiments/[0-9a-f-]{36}$"));
        String id = browser.url().substring(browser.url().lastIndexOf('/') + 1);
        given().get("/v1/experiments/" + id).then().statusCode(200).body("name", equalTo("Console newsletter test"))
                .body("placements", equalTo(List.of("con-x-newsletter"))).body("arms.name", equalTo(List.of("control", "personalised")));

        // a few decisions in it, so the results have people
        for (int person = 0; person < 6; person++) {
            given().contentType(ContentType.JSON).body(Map.of("visitorId", "con-x-v" + person, "channel", "email", "placement", "con-x-newsletter"))
                    .post("/v1/decisions").then().statusCode(200);
        }
        browser.refresh();
        WebElement verdict = browser.visible(By.id("experiment-verdict"));
        assertTrue(verdict.getText().startsWith("Not enough people yet"), verdict.getText());
        assertEquals("OK", browser.find(By.cssSelector("[data-figure=sample-ratio] .value")).getText());
        browser.visible(By.cssSelector("#experiment-chart svg"));
        assertTrue(browser.find(By.id("experiment-rows")).getText().contains("control"), browser.find(By.id("experiment-rows")).getText());
        browser.screenshot("experiment");

        browser.find(By.id("experiment-stop")).click();
        browser.wait(ExpectedConditions.invisibilityOfElementLocated(By.id("experiment-stop")));
        given().get("/v1/experiments/" + id).then().body("status", equalTo("ended"));
        browser.open("/console/experiments");
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.id("experiments-rows"), "Console newsletter test"));
        browser.screenshot("experiments");
    }

    @Test
    void sharesThatDoNotAddUpAreRefusedWithTheField() {
        browser.signIn(Roles.MARKETER);
        browser.open("/console/experiments");
        browser.find(By.id("x-name")).sendKeys("Bad shares");
        browser.find(By.cssSelector("input[name=x-channels][value=email]")).click();
        browser.find(By.id("x-placements")).sendKeys("con-x-bad");
        WebElement share = browser.find(By.id("x-arm-2-share"));
        share.clear();
        share.sendKeys("30");
        browser.find(By.cssSelector("#experiment-form button[type=submit]")).click();
        browser.wait(driver -> driver.findElement(By.id("experiment-save-status")).getAttribute("class").contains("error"));
        assertTrue(browser.find(By.id("experiment-save-status")).getText().contains("arms"), browser.find(By.id("experiment-save-status")).getText());
    }

    @Test
    void theModelPageBuildsAndShowsWhatIsBoughtTogether() {
        // bread and butter in 4 baskets of 8 (lift 2), jam with them in 3, honey in 1 (below the minimum support of 3)
        for (int basket = 0; basket < 8; basket++) {
            List<String> skus = basket < 4 ? List.of("con-m-bread", "con-m-butter", basket < 3 ? "con-m-jam" : "con-m-honey")
                    : List.of("con-m-tea", "con-m-milk");
            for (String sku : skus) {
                given().contentType(ContentType.JSON).body(Map.of("orderId", "con-m-order-" + basket, "customerId", "con-m-" + basket,
                        "sku", sku, "purchasedAt", java.time.Instant.now().minusSeconds(3600).toString())).post("/v1/purchases")
                        .then().statusCode(201);
            }
        }
        browser.signIn(Roles.DATA_INGEST);
        browser.open("/console/model");
        browser.find(By.id("model-build")).click();
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.id("model-build-status"), "Built."));
        browser.visible(By.cssSelector("#model-figures .figure"));
        browser.find(By.id("n-sku")).sendKeys("con-m-bread\n");
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.id("neighbours-rows"), "con-m-butter"));
        String rows = browser.find(By.id("neighbours-rows")).getText();
        assertTrue(rows.contains("con-m-jam") && !rows.contains("con-m-honey"), "a pair seen once is below the minimum support: " + rows);
        browser.screenshot("model");

        browser.find(By.id("n-sku")).clear();
        browser.find(By.id("n-sku")).sendKeys("con-nothing-like-it\n");
        browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.id("neighbours-rows"), "Nothing is bought with con-nothing-like-it often enough."));
        browser.find(By.id("n-sku")).clear();
        browser.find(By.id("n-sku")).sendKeys("not a sku\n");
        browser.wait(driver -> driver.findElement(By.id("neighbours-status")).getAttribute("class").contains("error"));
    }
}
