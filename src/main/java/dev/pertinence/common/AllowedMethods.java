package dev.pertinence.common;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
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

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    /** One path template of a resource method, as a regular expression, and the HTTP method it answers. */
    private record Route(Pattern path, String method) {
    }

    private volatile List<Route> routes;

    /** The methods this path answers, HEAD and OPTIONS included; empty when no resource has this path. */
    public Set<String> of(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
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
            found = collect();
            routes = found;
        }
        return found;
    }

    /** Every resource class is a bean (Quarkus REST makes them singletons): their annotations are the routing table. */
    private static List<Route> collect() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : bean.getBeanClass().getMethods()) {
                String http = httpMethod(method);
                if (http != null) {
                    Path sub = method.getAnnotation(Path.class);
                    found.add(new Route(regex(root.value() + (sub == null ? "" : "/" + sub.value())), http));
                }
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/v1/customers/{id}/identifiers/{reference}" -> "/v1/customers/[^/]+/identifiers/[^/]+". */
    static Pattern regex(String template) {
        String path = ("/" + template).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int from = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(from, parameter.start())));
            regex.append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).trim() + ")");
            from = parameter.end();
        }
        regex.append(Pattern.quote(path.substring(from)));
        return Pattern.compile(regex.toString());
    }
}
