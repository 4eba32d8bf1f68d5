package dev.pertinence.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pertinence.common.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The whole role x endpoint matrix, walked from the checked-in openapi.yaml: every operation must
 * have a rule here (a new endpoint without one fails the build, and so does a rule for an
 * endpoint that no longer exists); no token or a bad one is 401, a role not admitted is 403, both
 * problem+json; an admitted role gets past access control.
 */
@QuarkusTest
class AccessControlTest {

    private static final String DC = Roles.DECISION_CLIENT;
    private static final String MK = Roles.MARKETER;
    private static final String DI = Roles.DATA_INGEST;
    private static final String PO = Roles.PRIVACY_OFFICER;

    /**
     * "METHOD path" -> the roles admitted. The one place the access rules are written down for review;
     * docs/security.md shows the same matrix (RoleTableTest keeps the two equal).
     */
    static final Map<String, Set<String>> RULES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /v1/decisions", Set.of(DC)),
            Map.entry("GET /v1/decisions/{decisionId}", Set.of(DC, PO)),
            Map.entry("POST /v1/decisions/{decisionId}/outcomes", Set.of(DC)),
            Map.entry("POST /v1/outcomes", Set.of(DC)),
            Map.entry("GET /v1/customers/{id}/exposures", Set.of(DC, PO)),
            Map.entry("GET /v1/customers/{id}/decisions", Set.of(DC, PO)),
            Map.entry("GET /v1/customers/{id}/agent-card", Set.of(DC)),
            Map.entry("GET /v1/customers/{id}/channel-appetence", Set.of(DC)),
            Map.entry("POST /v1/page-layouts", Set.of(DC)),
            Map.entry("POST /v1/experiments", Set.of(MK)),
            Map.entry("GET /v1/experiments", Set.of(MK)),
            Map.entry("GET /v1/experiments/{id}", Set.of(MK)),
            Map.entry("POST /v1/experiments/{id}/stop", Set.of(MK)),
            Map.entry("GET /v1/experiments/{id}/results", Set.of(MK)),
            Map.entry("GET /v1/experiments/{id}/results/chart", Set.of(MK)),
            Map.entry("POST /v1/evaluations", Set.of(MK, DI)),
            Map.entry("GET /v1/evaluations/{id}", Set.of(MK, DI)),
            Map.entry("GET /v1/evaluations/{id}/chart", Set.of(MK, DI)),
            Map.entry("POST /v1/simulations", Set.of(MK, DI)),
            Map.entry("GET /v1/simulations/{id}", Set.of(MK, DI)),
            Map.entry("GET /v1/simulations/{id}/chart", Set.of(MK, DI)),
            Map.entry("POST /v1/simulations/{id}/cancel", Set.of(MK, DI)),
            Map.entry("POST /v1/estimates", Set.of(MK, DI)),
            Map.entry("POST /v1/store-visits", Set.of(DC)),
            Map.entry("POST /v1/cascades", Set.of(DC)),
            Map.entry("GET /v1/cascades/{id}", Set.of(DC)),
            Map.entry("POST /v1/coupons/{code}/redemptions", Set.of(DC)),
            Map.entry("PUT /v1/stores/{id}", Set.of(DI)),
            Map.entry("GET /v1/stores/{id}", Set.of(DI, DC, MK)),
            Map.entry("PUT /v1/customers/{id}", Set.of(DI)),
            Map.entry("GET /v1/customers/{id}", Set.of(DI, PO)),
            Map.entry("DELETE /v1/customers/{id}", Set.of(PO)),
            Map.entry("POST /v1/customers/{id}/identifiers", Set.of(DI)),
            Map.entry("GET /v1/customers/{id}/identifiers", Set.of(DI, PO)),
            Map.entry("DELETE /v1/customers/{id}/identifiers/{reference}", Set.of(DI)),
            Map.entry("POST /v1/customers/{id}/merge", Set.of(DI)),
            Map.entry("GET /v1/customers/{id}/merges", Set.of(DI, PO)),
            Map.entry("PUT /v1/customers/{id}/consents", Set.of(DI)),
            Map.entry("GET /v1/customers/{id}/consents", Set.of(DI, PO)),
            Map.entry("POST /v1/consents/import", Set.of(DI)),
            Map.entry("POST /v1/customers/{id}/life-events", Set.of(DI)),
            Map.entry("GET /v1/customers/{id}/life-events", Set.of(DI, PO)),
            Map.entry("DELETE /v1/customers/{id}/life-events/{eventId}", Set.of(DI)),
            Map.entry("GET /v1/consents/export", Set.of(PO)),
            Map.entry("PUT /v1/products/{sku}", Set.of(DI)),
            Map.entry("GET /v1/products/{sku}", Set.of(DI, MK)),
            Map.entry("POST /v1/products/import", Set.of(DI)),
            Map.entry("POST /v1/purchases", Set.of(DI)),
            Map.entry("POST /v1/purchases/batch", Set.of(DI)),
            Map.entry("POST /v1/purchases/import", Set.of(DI)),
            Map.entry("POST /v1/offers", Set.of(MK)),
            Map.entry("PUT /v1/offers", Set.of(MK)),
            Map.entry("GET /v1/offers", Set.of(MK)),
            Map.entry("PUT /v1/offers/{id}", Set.of(MK)),
            Map.entry("GET /v1/offers/{id}", Set.of(MK)),
            Map.entry("POST /v1/offers/{id}/pause", Set.of(MK)),
            Map.entry("POST /v1/offers/{id}/resume", Set.of(MK)),
            Map.entry("GET /v1/offers/{offerId}/performance", Set.of(MK)),
            Map.entry("POST /v1/rules/validations", Set.of(MK)),
            Map.entry("POST /v1/messages/previews", Set.of(MK)),
            Map.entry("POST /v1/models/co-purchase/builds", Set.of(DI, MK)),
            Map.entry("GET /v1/models/co-purchase/builds", Set.of(DI, MK)),
            Map.entry("GET /v1/models/co-purchase/builds/{id}", Set.of(DI, MK)),
            Map.entry("GET /v1/models/co-purchase", Set.of(DI, MK)),
            Map.entry("GET /v1/models/co-purchase/neighbours/{sku}", Set.of(DI, MK))));

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyOperationInTheContractHasARuleAndEveryRuleAnOperation() throws Exception {
        Set<String> operations = operations();
        Set<String> unruled = new TreeSet<>(operations);
        unruled.removeAll(RULES.keySet());
        Set<String> stale = new TreeSet<>(RULES.keySet());
        stale.removeAll(operations);
        assertTrue(unruled.isEmpty(), "endpoints without an access rule in AccessControlTest.RULES: " + unruled);
        assertTrue(stale.isEmpty(), "rules for endpoints openapi.yaml no longer has: " + stale);
    }

    @Test
    void theRoleMatrixHolds() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String operation : operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "ac-nobody");
            check(wrong, operation, send(method, path, null), 401);
            check(wrong, operation + " (foreign key)", send(method, path, Tokens.foreign(Roles.ALL)), 401);
            check(wrong, operation + " (expired)", send(method, path, Tokens.expired(Roles.ALL)), 401);
            check(wrong, operation + " (no role)", send(method, path, Tokens.of()), 403);
            for (String role : Roles.ALL) {
                HttpResponse<String> response = send(method, path, Tokens.of(role));
                if (RULES.getOrDefault(operation, Set.of()).contains(role)) {
                    if (response.statusCode() == 401 || response.statusCode() == 403) {
                        wrong.add(operation + " as " + role + ": " + response.statusCode() + ", should be admitted");
                    }
                } else {
                    check(wrong, operation + " as " + role, response, 403);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void probesMetricsAndTheContractNeedNoToken() throws Exception {
        for (String path : List.of("q/health/live", "q/health/ready", "q/metrics", "q/openapi")) {
            assertEquals(200, send("GET", "/" + path, null).statusCode(), path);
        }
    }

    private static void check(List<String> wrong, String what, HttpResponse<String> response, int status) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != status || !type.startsWith("application/problem+json")
                || !response.body().contains("\"status\":" + status)) {
            wrong.add(what + ": " + response.statusCode() + " " + type + ", expected " + status + " problem+json");
        }
    }

    /** An empty JSON object as the body: enough to reach access control, refused by validation once past it. */
    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .header("Content-Type", path.endsWith("/import") ? "text/csv" : "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(path.endsWith("/import") ? "" : "{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> operations() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("openapi.yaml")));
        Set<String> operations = new TreeSet<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }
}
