package dev.pertinence.offer.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pertinence.common.Await;
import dev.pertinence.decision.CandidateOffer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Another replica changed an offer and said so on Redis: this replica reloads its catalogue. */
@QuarkusTest
class CatalogAnnouncementTest {

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @Inject
    OfferCatalog catalog;

    @Test
    void anAnnouncementFromAnotherReplicaReloadsTheCatalogue() {
        pool.query("""
                INSERT INTO offer (id, title, message, channels, business_value)
                VALUES ('ca-other-replica', 'Written elsewhere', 'm', '{email}', 1)""").execute().await().indefinitely();
        redis.pubsub(String.class).publish(OfferCatalog.CHANGED_CHANNEL, "another-replica");
        Await.until("catalogue reloaded", Duration.ofSeconds(10),
                () -> catalog.candidates("email", "any").stream().map(CandidateOffer::id).anyMatch("ca-other-replica"::equals));
    }

    @Test
    void aReloadWithNothingChangedKeepsTheSnapshotAndOnlyAChangedRuleIsCompiledAgain() {
        pool.query("""
                INSERT INTO offer (id, title, message, channels, business_value, rule) VALUES
                ('ca-kept', 'Kept', 'm', '{email}', 1, 'customer.loyaltyPoints > 1'),
                ('ca-changed', 'Changed', 'm', '{email}', 1, 'customer.loyaltyPoints > 2')""").execute().await().indefinitely();
        catalog.periodicReload().await().indefinitely();
        CatalogIndex before = catalog.index();
        assertNotNull(before.offer("ca-changed"));

        catalog.periodicReload().await().indefinitely();
        assertSame(before, catalog.index(), "nothing changed: the snapshot (and what decisions prepared from it) is kept");

        pool.query("UPDATE offer SET rule = 'customer.loyaltyPoints > 3' WHERE id = 'ca-changed'").execute().await().indefinitely();
        catalog.periodicReload().await().indefinitely();
        CatalogIndex after = catalog.index();
        assertNotSame(before, after, "a changed rule makes a new snapshot");
        assertSame(before.offer("ca-kept").rule(), after.offer("ca-kept").rule(), "an unchanged rule is not compiled again");
        assertNotSame(before.offer("ca-changed").rule(), after.offer("ca-changed").rule(), "the changed rule is compiled");
        assertEquals(before.offerIds(), after.offerIds());
    }

    @Test
    void readinessCoversTheCatalogueTheDatabaseAndRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("offer-catalogue"))
                .body("checks.name", hasItem("Redis connection health check"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }
}
