package dev.pertinence.common.params;

import dev.pertinence.common.json.CleanText;
import dev.pertinence.common.problem.ClientProblem;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and path parameters, checked before the resource method is called. JAX-RS answers a
 * number it cannot convert ({@code ?size=abc}, {@code /life-events/abc}) with a bare 404 that
 * names nothing, and reads any boolean but "true" as false ({@code ?dryRun=yes} would make a real
 * decision): here both are a 400 naming the parameter. Text parameters get the same rules as JSON
 * text (no NUL, no lone surrogate): PostgreSQL's refusal of a NUL used to be quoted to the caller.
 */
public class ParameterCheck {

    /** A numeric parameter a resource method declares: where it comes from and how it must read. */
    private record Numeric(String name, boolean inPath, Kind kind) {
    }

    private enum Kind {
        INT("an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE),
        LONG("an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE),
        DECIMAL("a number"),
        BOOLEAN("true or false");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        boolean reads(String raw) {
            try {
                switch (this) {
                    case INT -> Integer.parseInt(raw);
                    case LONG -> Long.parseLong(raw);
                    case BOOLEAN -> {
                        return raw.equals("true") || raw.equals("false");
                    }
                    default -> {
                        if (!Double.isFinite(Double.parseDouble(raw))) {
                            return false;
                        }
                    }
                }
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private final Map<Method, List<Numeric>> numerics = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ResourceInfo resource, UriInfo uri) {
        MultivaluedMap<String, String> path = uri.getPathParameters();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        text(path);
        text(query);
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        for (Numeric numeric : numerics.computeIfAbsent(method, ParameterCheck::numericParameters)) {
            String raw = (numeric.inPath() ? path : query).getFirst(numeric.name());
            if (raw != null && !numeric.kind().reads(raw)) {
                throw ClientProblem.invalid(numeric.name(), numeric.name() + ": must be " + numeric.kind().expected);
            }
        }
    }

    private static void text(MultivaluedMap<String, String> parameters) {
        parameters.forEach((name, values) -> {
            String nameFault = CleanText.fault(name);
            if (nameFault != null) {
                throw ClientProblem.invalid(null, "A parameter name " + nameFault);
            }
            for (String value : values) {
                String fault = CleanText.fault(value);
                if (fault != null) {
                    throw ClientProblem.invalid(name, name + ": " + fault);
                }
            }
        });
    }

    private static List<Numeric> numericParameters(Method method) {
        List<Numeric> found = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            Kind kind = kindOf(types[i]);
            if (kind == null) {
                continue;
            }
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof QueryParam query) {
                    found.add(new Numeric(query.value(), false, kind));
                } else if (annotation instanceof PathParam path) {
                    found.add(new Numeric(path.value(), true, kind));
                }
            }
        }
        return List.copyOf(found);
    }

    private static Kind kindOf(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return Kind.INT;
        }
        if (type == long.class || type == Long.class) {
            return Kind.LONG;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Kind.BOOLEAN;
        }
        return type == double.class || type == Double.class || type == float.class || type == Float.class ? Kind.DECIMAL : null;
    }
}
