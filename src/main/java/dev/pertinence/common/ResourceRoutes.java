package dev.pertinence.common;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routing table read from the JAX-RS resources' own annotations: each endpoint's path
 * template and HTTP method. One reading serves the metrics' route templates ({@code RouteTemplates})
 * and the methods a path answers ({@link AllowedMethods}), so the two cannot disagree on what a
 * path is.
 */
public final class ResourceRoutes {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    /** One resource method: its path template ({@code /v1/customers/{id}}) and the HTTP method it answers. */
    public record Endpoint(String template, String method) {
    }

    private ResourceRoutes() {
    }

    /** Every endpoint of every resource: each is a bean (Quarkus REST makes them singletons). */
    public static List<Endpoint> all() {
        List<Endpoint> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            found.addAll(of(bean.getBeanClass()));
        }
        return List.copyOf(found);
    }

    /** The endpoints a class declares: its @Path joined with each resource method's; none if it is no resource. */
    public static List<Endpoint> of(Class<?> resource) {
        Path root = resource.getAnnotation(Path.class);
        if (root == null) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Method method : resource.getMethods()) {
            String http = httpMethod(method);
            if (http != null) {
                Path sub = method.getAnnotation(Path.class);
                endpoints.add(new Endpoint(trimmed(("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/")), http));
            }
        }
        return endpoints;
    }

    /** A path without its trailing slash ("/" stays "/"): JAX-RS matches both alike. */
    public static String trimmed(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** "/v1/customers/{id}/identifiers/{reference}" -> "/v1/customers/[^/]+/identifiers/[^/]+" (a parameter's own regex kept). */
    public static Pattern pattern(String template) {
        String path = trimmed(("/" + template).replaceAll("/+", "/"));
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

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
