package dev.pertinence.decide.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pertinence.decision.PastPurchase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The copy each replica keeps of a person's decision inputs (V25, DecisionInputsReader): served again only while
 * PostgreSQL says, in the same call, that nothing about the person changed. Every way their inputs change is
 * seen by the very next read: the profile, a purchase (one, or a file), a consent, a life event, a write made by
 * hand in SQL, a product renamed; an erasure leaves nothing, in the copy or in the version table.
 */
@QuarkusTest
class DecisionInputsCopyTest {

    @Inject
    DecisionInputsReader reader;
    @Inject
    Pool pool;

    @Test
    void aCopyIsServedWhileThePersonIsUnchangedAndEveryChangeIsSeenAtOnce() {
        String id = "dic-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Ines", "segments", List.of("dic")))
                .put("/v1/customers/" + id).then().statusCode(201);
        purchase(id, "dic-sku-1", 3, 30);

        DecisionInputs first = read(id);
        assertEquals(1, first.history().size());
        assertSame(first, read(id), "unchanged: the copy");

        given().contentType(ContentType.JSON).body(Map.of("firstName", "Inès", "segments", List.of("dic")))
                .put("/v1/customers/" + id).then().statusCode(200);
        DecisionInputs renamed = read(id);
        assertEquals("Inès", renamed.customer().firstName(), "the profile changed");
        assertSame(renamed, read(id));

        purchase(id, "dic-sku-2", 1, 20);
        DecisionInputs bought = read(id);
        assertEquals(List.of("dic-sku-2", "dic-sku-1"), bought.history().stream().map(PastPurchase::sku).toList());

        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\n" + id + "-o," + id + ",dic-sku-3,1,2.50,"
                + Instant.now().minus(2, ChronoUnit.HOURS) + "\n").post("/v1/purchases/import").then().statusCode(200);
        assertEquals(3, read(id).history().size(), "a file's lines");

        given().contentType(ContentType.JSON).body(Map.of("consents", List.of(Map.of("purpose", "offers", "channel", "sms",
                "granted", false)))).put("/v1/customers/" + id + "/consents").then().statusCode(200);
        DecisionInputs withdrawn = read(id);
        assertEquals(Boolean.FALSE, withdrawn.consents().answers().get("offers:sms"), withdrawn.consents().toString());

        given().contentType(ContentType.JSON).body(Map.of("type", "child_birthday", "date", LocalDate.now().minusYears(4).toString()))
                .post("/v1/customers/" + id + "/life-events").then().statusCode(201);
        assertEquals(1, read(id).customer().lifeEvents().size(), "a life event");

        pool.preparedQuery("UPDATE purchase SET quantity = 7 WHERE customer_id = $1 AND sku = 'dic-sku-1'")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5));
        DecisionInputs byHand = read(id);
        assertEquals(7, byHand.history().stream().filter(line -> line.sku().equals("dic-sku-1")).findFirst().orElseThrow().quantity(),
                "a write made in SQL, outside the service");
        assertSame(byHand, read(id));
    }

    @Test
    void aProductRenamedSinceTheCopyIsLabelledAgain() {
        String id = "dic-label-" + System.nanoTime();
        String sku = "dic-lbl-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Lou")).put("/v1/customers/" + id).then().statusCode(201);
        given().contentType("text/csv").body("sku,name,category,price\n" + sku + ",Old name,dic-cat,1\n")
                .post("/v1/products/import").then().statusCode(200);
        purchase(id, sku, 1, 10);
        assertEquals("Old name", read(id).history().get(0).name());

        given().contentType("text/csv").body("sku,name,category,price\n" + sku + ",New name,dic-cat,1\n")
                .post("/v1/products/import").then().statusCode(200);
        DecisionInputs relabelled = read(id);
        assertEquals("New name", relabelled.history().get(0).name(), "the person did not change; the product's name did");
        assertSame(relabelled, read(id));
    }

    @Test
    void anErasedPersonIsNeitherServedNorNumbered() {
        String id = "dic-erased-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Zoé")).put("/v1/customers/" + id).then().statusCode(201);
        purchase(id, "dic-sku-9", 1, 10);
        assertSame(read(id), read(id));
        assertEquals(1, versionRows(id));

        given().delete("/v1/customers/" + id).then().statusCode(200);
        assertNull(read(id).customer(), "erased: nobody, not the copy");
        assertEquals(0, versionRows(id), "no row names the erased person");
    }

    @Test
    void aMergeIsSeenByTheSurvivorsCopyAndTheMergedAwayIdNamesTheSurvivor() {
        String survivor = "dic-keep-" + System.nanoTime();
        String merged = "dic-gone-" + System.nanoTime();
        for (String id : List.of(survivor, merged)) {
            given().contentType(ContentType.JSON).body(Map.of("firstName", "Sam")).put("/v1/customers/" + id).then().statusCode(201);
        }
        purchase(survivor, "dic-sku-kept", 1, 30);
        purchase(merged, "dic-sku-moved", 1, 20);
        DecisionInputs before = read(survivor);
        assertSame(before, read(survivor));
        assertEquals(1, read(merged).history().size());

        given().contentType(ContentType.JSON).body(Map.of("from", merged)).post("/v1/customers/" + survivor + "/merge")
                .then().statusCode(200);
        assertEquals(List.of("dic-sku-moved", "dic-sku-kept"), read(survivor).history().stream().map(PastPurchase::sku).toList());
        DecisionInputs byOldId = read(merged);
        assertEquals(survivor, byOldId.customer().id(), "the merged-away id names the survivor, not its old copy");
        assertEquals(2, byOldId.history().size());
        assertEquals(0, versionRows(merged));
    }

    @Test
    void aPersonNamedByAnIdentifierIsReadAfreshEachTime() {
        String id = "dic-ident-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Max")).put("/v1/customers/" + id).then().statusCode(201);
        String reference = given().contentType(ContentType.JSON)
                .body(Map.of("type", "loyalty", "value", String.valueOf(System.nanoTime()), "source", "crm"))
                .post("/v1/customers/" + id + "/identifiers").then().statusCode(201).extract().path("reference");
        DecisionInputs first = read(reference);
        assertEquals(id, first.customer().id());
        assertNotSame(first, read(reference), "only a person's own id is kept");
        assertFalse(first.history().iterator().hasNext());
        assertEquals(1, versionRows(id));
    }

    private DecisionInputs read(String reference) {
        return reader.read(reference).toCompletionStage().toCompletableFuture().join();
    }

    private long versionRows(String id) {
        return pool.preparedQuery("SELECT count(*) FROM customer_version WHERE customer_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private static void purchase(String customer, String sku, int quantity, int hoursAgo) {
        given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "sku", sku, "quantity", quantity,
                "purchasedAt", Instant.now().minus(hoursAgo, ChronoUnit.HOURS).toString()))
                .post("/v1/purchases").then().statusCode(201);
    }
}
