package dev.pertinence.common;

import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The methods each API path answers, from the resources' own annotations: the {@code Allow} header
 * of a 405 and of an OPTIONS answer. JAX-RS' defaults got both wrong: 405s carried no Allow, a
 * method missing on a class-level path was a bare 404, and OPTIONS listed the methods of sibling
 * paths (OPTIONS /v1/offers/x offered POST, which only /v1/offers takes) and HEAD where no GET is.
 */
@Singleton
public class AllowedMethods {

    /** One path template of a resource method, as a regular expression, and the HTTP method it answers. */
    private record Route(Pattern path, String method) {
    }

    private volatile List<Route> routes;

    /** The methods this path answers, HEAD and OPTIONS included; empty when no resource has this path. */
    public Set<String> of(String path) {
        String trimmed = ResourceRoutes.trimmed(path);
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(trimmed).matches()) {
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            allowed.add(HttpMethod.OPTIONS);
        }
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        return allowed;
    }

    public static String header(Set<String> allowed) {
        return String.join(", ", allowed);
    }

    /** OPTIONS on an API path: its own methods, not its neighbours'. Answered before matching, so with no token. */
    @ServerRequestFilter(preMatching = true)
    public Response options(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        if (!HttpMethod.OPTIONS.equals(request.getMethod()) || path == null || !ApiPatterns.isApi(path)) {
            return null;
        }
        Set<String> allowed = of(path);
        return allowed.isEmpty() ? null : Response.ok().header("Allow", header(allowed)).build();
    }

    private List<Route> routes() {
        List<Route> found = routes;
        if (found == null) {
            found = ResourceRoutes.all().stream()
                    .map(endpoint -> new Route(ResourceRoutes.pattern(endpoint.template()), endpoint.method())).toList();
            routes = found;
        }
        return found;
    }
}
