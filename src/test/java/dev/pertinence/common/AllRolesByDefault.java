package dev.pertinence.common;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Tests that are not about access control call as a client holding every role: a request
 * without an Authorization header gets one. AccessControlTest walks the role matrix with its own
 * tokens (and its own HTTP client).
 */
public class AllRolesByDefault implements QuarkusTestBeforeEachCallback {

    private static final Filter BEARER = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + Tokens.ALL_ROLES);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(BEARER)) {
            RestAssured.filters(BEARER);
        }
    }
}
