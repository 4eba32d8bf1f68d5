package dev.pertinence.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

    private final List<RouteTemplates.Route> routes = RouteTemplates.routes(Set.of("/v1/products/{sku}", "/v1/products/import",
            "/v1/products", "/v1/customers/{id}", "/v1/customers/{id}/identifiers/{reference}", "/v1/decisions/{decisionId}/outcomes"));

    @Test
    void aPathTakesTheTemplateOfItsRouteTheMostLiteralFirst() {
        assertEquals("/v1/products/import", RouteTemplates.templateOf("/v1/products/import", routes));
        assertEquals("/v1/products/{sku}", RouteTemplates.templateOf("/v1/products/whole-milk", routes));
        assertEquals("/v1/products", RouteTemplates.templateOf("/v1/products/", routes));
        assertEquals("/v1/customers/{id}/identifiers/{reference}",
                RouteTemplates.templateOf("/v1/customers/c1/identifiers/email:jane@example.com", routes));
        assertEquals("/v1/decisions/{decisionId}/outcomes", RouteTemplates.templateOf("/v1/decisions/d-1/outcomes", routes));
    }

    @Test
    void anythingElseIsUnmatched() {
        for (String path : List.of("/", "/v1", "/v1/customers/c1/nothing", "/v1/customers/jane@example.com/x/y", "/v1/products/a/b",
                "/v1/decisions//outcomes", "/v1/custom.rs/c1", "/v1/decisions/a/outcomes/(.*)", "/\\Q", "/favicon.ico")) {
            assertEquals(RouteTemplates.UNMATCHED, RouteTemplates.templateOf(path, routes), path);
        }
    }

    @Test
    void theLiteralShortcutAgreesWithThePatternOnEveryPath() {
        List<RouteTemplates.Route> all = RouteTemplates.routes(Set.of("/v1/products/{sku}", "/v1/products/import", "/v1/products",
                "/v1/customers/{id}/identifiers/{reference: .+}", "/v1/decisions/{decisionId}/outcomes", "/console/{page}", "/v1"));
        List<String> segments = List.of("v1", "products", "import", "customers", "c1", "identifiers", "decisions", "outcomes",
                "console", "", "a/b", "{id}", "é", ".");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder path = new StringBuilder();
            for (int n = random.nextInt(5); n >= 0; n--) {
                path.append('/').append(segments.get(random.nextInt(segments.size())));
            }
            for (RouteTemplates.Route route : all) {
                assertEquals(route.pattern().matcher(path).matches(), route.matches(path.toString()), route.template() + " " + path);
            }
        }
    }

    @Test
    void templatesAreReadFromTheResources() {
        assertEquals(Set.of("/v1/customers/{id}/channel-appetence"),
                Set.copyOf(RouteTemplates.templatesOf(dev.pertinence.contact.rest.AppetenceResource.class)));
        assertEquals(List.of(), RouteTemplates.templatesOf(String.class));
    }
}
