package dev.pertinence.common.openapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/**
 * The guard itself: the validator every HTTP test goes through refuses what the contract does not
 * allow, so a green suite means something. Plain JUnit against openapi.yaml; no service needed.
 */
class ContractValidationTest {

    private static final String PROBLEM = "{\"title\": \"Not found\", \"status\": 404}";

    private static ValidationReport answer(Request.Method method, String path, int status, String type, String body) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        if (type != null) {
            response.withContentType(type).withBody(body);
        }
        return ContractValidation.VALIDATOR.validateResponse(path, method, response.build());
    }

    @Test
    void aDeclaredAnswerPasses() {
        assertFalse(answer(Request.Method.GET, "/v1/offers/x", 404, "application/problem+json", PROBLEM).hasErrors());
    }

    @Test
    void anUndocumentedStatusFails() {
        ValidationReport report = answer(Request.Method.GET, "/v1/offers/x", 418, "application/problem+json", PROBLEM);
        assertTrue(report.hasErrors());
        assertTrue(ContractValidation.describe(report).contains("validation.response.status.unknown"), ContractValidation.describe(report));
    }

    @Test
    void aBodyOfTheWrongTypeOrShapeFails() {
        assertTrue(answer(Request.Method.GET, "/v1/offers/x", 404, "text/plain", "Not found").hasErrors());
        assertTrue(answer(Request.Method.GET, "/v1/offers/x", 404, "application/problem+json", "{\"status\": \"four\"}").hasErrors());
        assertTrue(answer(Request.Method.GET, "/v1/stores/x", 200, "application/json", "{\"id\": 7}").hasErrors());
    }

    @Test
    void anUnknownFieldInARequestBodyFails() {
        SimpleRequest request = SimpleRequest.Builder.post("/v1/decisions")
                .withHeader("Authorization", "Bearer t").withContentType("application/json")
                .withBody("{\"channel\": \"web\", \"chanel\": \"web\"}").build();
        ValidationReport report = ContractValidation.VALIDATOR.validateRequest(request);
        assertTrue(report.hasErrors());
        assertTrue(ContractValidation.describe(report).contains("chanel"), ContractValidation.describe(report));
    }
}
