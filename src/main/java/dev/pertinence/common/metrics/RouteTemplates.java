package dev.pertinence.common.metrics;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import dev.pertinence.common.ResourceRoutes;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code uri} tag of {@code http_server_requests} is a route template for every request, or
 * {@link #UNMATCHED}: never the raw path. Quarkus tags a request with the template only once
 * RESTEasy matched it; a request answered before routing (shed at capacity, a header too large)
 * or not routed at all (404 on an unknown path, a path with encoded dots) kept its raw path, so a
 * caller could mint a series per request, and after 100 values Micrometer stopped recording new
 * ones for the life of the process, real endpoints included. This first route gives every
 * request its template, from the JAX-RS resources, as RESTEasy would; what matches none gets one
 * fixed value. Paths under /q/ keep their normalised path: Quarkus does not measure them
 * (quarkus.micrometer.binder.http-server.suppress-non-application-uris).
 */
@ApplicationScoped
public class RouteTemplates {

    /** The uri of every request that matches no route. */
    public static final String UNMATCHED = "/UNMATCHED";
    /** Where Quarkus' metrics read a request's template from (what RESTEasy Reactive sets when it matches). */
    private static final String TEMPLATE_KEY = "UrlPathTemplate";

    /**
     * A template, its pattern and the literal text its paths start with (up to the first parameter; the
     * whole path when it has none): most paths are ruled out by a string comparison, without a
     * {@link java.util.regex.Matcher} (which allocated 15 % of a one-row read's bytes when every
     * route was tried by its pattern).
     */
    record Route(String template, Pattern pattern, String literal, boolean parameterised) {
        static Route of(String template) {
            String path = ResourceRoutes.trimmed(("/" + template).replaceAll("/+", "/"));
            int brace = path.indexOf('{');
            return new Route(template, ResourceRoutes.pattern(template), brace < 0 ? path : path.substring(0, brace), brace >= 0);
        }

        boolean matches(String path) {
            return parameterised ? path.startsWith(literal) && pattern.matcher(path).matches() : path.equals(literal);
        }
    }

    private volatile List<Route> routes = List.of();

    void collect(@Observes StartupEvent event) {
        Set<String> templates = new TreeSet<>();
        ResourceRoutes.all().forEach(endpoint -> templates.add(endpoint.template()));
        routes = routes(templates);
    }

    void install(@Observes Router router) {
        // before anything that can answer (HeaderLimit, InFlightLimit: Integer.MIN_VALUE + 1)
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            ((HttpServerRequestInternal) context.request()).context().putLocal(TEMPLATE_KEY, templateOf(context));
            context.next();
        });
    }

    /** The templates of every JAX-RS endpoint, most literal first. */
    List<String> templates() {
        return routes.stream().map(Route::template).toList();
    }

    private String templateOf(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/q/")) {
            return path;
        }
        return templateOf(path, routes);
    }

    /** The route templates a JAX-RS resource class declares: its @Path joined with each resource method's. */
    static List<String> templatesOf(Class<?> resource) {
        return ResourceRoutes.of(resource).stream().map(ResourceRoutes.Endpoint::template).distinct().toList();
    }

    /** Most literal first, as JAX-RS matches: /v1/products/import before /v1/products/{sku}. */
    static List<Route> routes(Set<String> templates) {
        return templates.stream()
                .map(Route::of)
                .sorted(Comparator.comparingInt((Route route) -> route.template().split("\\{", -1).length)
                        .thenComparing(Comparator.comparingInt((Route route) -> route.template().length()).reversed()))
                .toList();
    }

    static String templateOf(String path, List<Route> routes) {
        String trimmed = ResourceRoutes.trimmed(path);
        for (Route route : routes) {
            if (route.matches(trimmed)) {
                return route.template();
            }
        }
        return UNMATCHED;
    }
}
