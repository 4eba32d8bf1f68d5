package dev.pertinence.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every place that names a person is claimed by a {@link PersonData}, so merges and erasures reach it:
 * checked against the real schema (Flyway-migrated PostgreSQL) and the real Redis. Customer pd-1,
 * offer pd-offer, placement pd-slot.
 */
@QuarkusTest
class PersonDataTest {

    /** Column names that hold a customer id, whatever the table; and the customer table's own id. */
    private static final String COLUMNS_NAMING_A_CUSTOMER = """
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public'
              AND (column_name IN ('customer_id', 'survivor_id', 'merged_id') OR (table_name = 'customer' AND column_name = 'id'))""";

    @Inject
    Instance<PersonData> personData;

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Test
    void everyColumnNamingACustomerIsClaimedByOneKindOfPersonData() {
        Set<String> schema = new TreeSet<>();
        for (Row row : pool.query(COLUMNS_NAMING_A_CUSTOMER).execute().await().indefinitely()) {
            schema.add(row.getString(0));
        }
        Map<String, String> claimedBy = new TreeMap<>();
        for (PersonData data : personData) {
            for (String column : data.columns()) {
                String other = claimedBy.put(column, data.name());
                assertTrue(other == null, column + " is claimed twice, by " + other + " and by " + data.name());
            }
        }

        Set<String> unclaimed = new TreeSet<>(schema);
        unclaimed.removeAll(claimedBy.keySet());
        assertEquals(Set.of(), unclaimed, "columns naming a person that no PersonData claims: merges and erasures would "
                + "miss them; implement dev.pertinence.identity.PersonData in the feature that owns the table");
        Set<String> missing = new TreeSet<>(claimedBy.keySet());
        missing.removeAll(schema);
        assertEquals(Set.of(), missing, "claimed columns the schema does not have");
        assertTrue(schema.containsAll(Set.of("customer.id", "purchase.customer_id", "customer_merge.merged_id")),
                "the query finds the columns it is meant to: " + schema);
    }

    /** A person's Redis keys carry the hash tag {c:<id>} (one slot per person); each such key is claimed. */
    @Test
    void everyRedisKeyOfAPersonIsClaimed() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Person data offer", "message", "m", "category", "pd-cat",
                        "channels", List.of("web"), "placements", List.of("pd-slot"), "businessValue", 3))
                .put("/v1/offers/pd-offer").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Customers.customer("pd-1");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "pd-1", "channel", "web", "placement", "pd-slot"))
                .post("/v1/decisions").then().statusCode(200);

        List<Pattern> claimed = new ArrayList<>();
        for (PersonData data : personData) {
            for (String key : data.keys()) {
                assertTrue(key.contains("{c:*}"), key + " (" + data.name() + ") is not in the person's slot {c:<id>}");
                claimed.add(Pattern.compile(Pattern.quote(key).replace("*", "\\E.*\\Q")));
            }
        }
        List<String> keys = personKeys();
        assertTrue(keys.contains("pertinence:{c:pd-1}:contacts"), "the decision reserved a contact: " + keys);
        List<String> unclaimed = keys.stream().filter(key -> claimed.stream().noneMatch(pattern -> pattern.matcher(key).matches()))
                .toList();
        assertEquals(List.of(), unclaimed, "Redis keys naming a person that no PersonData claims");
    }

    private List<String> personKeys() {
        List<String> found = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("*{c:*").arg("COUNT").arg(1000))
                    .await().indefinitely();
            cursor = page.get(0).toString();
            page.get(1).forEach(key -> found.add(key.toString()));
        } while (!cursor.equals("0"));
        return found;
    }
}
