package dev.pertinence.common.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import java.net.URI;
import java.util.stream.Collectors;

/**
 * Every HTTP call a {@code @QuarkusTest} makes through RestAssured is checked against the checked-in
 * openapi.yaml: the response always (status, media type, body schema), the request too unless the
 * test is marked {@link InvalidRequests}. A violation fails the test, so the contract a generated
 * client relies on cannot drift from what the service does. Only /v1 is the API; /q/ is not in it.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator.createFor("openapi.yaml").build();

    /** Whether the current test's requests must obey the contract; set before each test, read by the filter. */
    private static volatile boolean checkRequests = true;

    static final Filter FILTER = (request, response, context) -> {
        Response answer = context.next(request, response);
        String path = URI.create(request.getURI()).getRawPath();
        if (!path.startsWith("/v1/") || outsideTheContract(request.getMethod(), answer)) {
            return answer;
        }
        Request checked = RestAssuredRequest.of(request);
        ValidationReport report = checkRequests
                ? VALIDATOR.validate(checked, RestAssuredResponse.of(answer))
                : VALIDATOR.validateResponse(checked.getPath(), checked.getMethod(), RestAssuredResponse.of(answer));
        if (answer.statusCode() == 404 && report.getMessages().stream().allMatch(m -> m.getLevel() != ValidationReport.Level.ERROR
                || "validation.request.path.missing".equals(m.getKey()))) {
            return answer; // a path the contract does not hold at all: its 404 is outside the contract too
        }
        if (report.hasErrors()) {
            throw new AssertionError(request.getMethod() + " " + path + " -> " + answer.statusCode()
                    + " breaks openapi.yaml:\n" + describe(report) + "\nbody: " + abbreviate(answer.asString()));
        }
        return answer;
    };

    /**
     * Answers about what the contract does not hold by definition: a method a path does not answer
     * (405 with Allow, and OPTIONS, which lists the path's methods), and what the HTTP layer refuses
     * before the application sees it (a bare 431 past 64 KB of headers). A 404 for a path the
     * contract does not hold is let through below.
     */
    private static boolean outsideTheContract(String method, Response answer) {
        return "OPTIONS".equals(method) || answer.statusCode() == 405
                || answer.statusCode() == 431 && answer.asString().isEmpty();
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        checkRequests = !context.getTestMethod().isAnnotationPresent(InvalidRequests.class)
                && !marked(context.getTestInstance().getClass());
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }

    private static boolean marked(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(InvalidRequests.class)) {
                return true;
            }
        }
        return false;
    }

    static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> "  [" + m.getKey() + "] " + m.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
