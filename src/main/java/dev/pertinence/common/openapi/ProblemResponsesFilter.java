package dev.pertinence.common.openapi;

import dev.pertinence.common.RequestIds;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents on every operation the problem+json answers the service really gives: 400 for a bad
 * request, 401 and 403 where a token is needed, 404 where a path names a resource, 406 where the
 * answer has a body, 413 and 415 where the request has one, 500 for a server fault, 414 and 431
 * (bare: the HTTP layer refuses those before the service sees them),
 * and on every /v1 operation 503 with Retry-After (at capacity, or a store unavailable: docs/resilience.md)
 * and the optional X-Request-Id header (common.RequestIds).
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM = "application/problem+json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSchema("Problem", problemSchema());
        components.addSchema("FieldError", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", string("Offending field")).addProperty("message", string("What is wrong with it")));
        components.addResponse("Unavailable", OASFactory.createAPIResponse()
                .description("At capacity, or a store the service needs is unavailable: send the request again after "
                        + "Retry-After seconds (docs/resilience.md)")
                .content(OASFactory.createContent().addMediaType(PROBLEM,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))))
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before sending the request again")
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))));
        components.addParameter("RequestId", OASFactory.createParameter().name(RequestIds.HEADER).in(Parameter.In.HEADER)
                .description("Optional: the caller's id for this request (up to 64 of A-Z a-z 0-9 . _ -), logged with every "
                        + "line of it and echoed in the response's X-Request-Id; one is made otherwise")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).pattern("^[A-Za-z0-9._-]{1,64}$")));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null) {
            return;
        }
        refuseUnknownFields(openAPI, components);
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                addIfAbsent(operation, "400", "Invalid request: the problem names the offending field");
                if (path.startsWith("/v1/")) { // every /v1 operation needs a token (common.security)
                    addIfAbsent(operation, "401", "No valid bearer token (missing, expired, or signed by a key the service does not trust)");
                    addIfAbsent(operation, "403", "The token's roles do not allow this operation (docs/security.md)");
                }
                if (path.contains("{")) {
                    addIfAbsent(operation, "404", "No such resource");
                }
                if (answersWithABody(operation)) {
                    addIfAbsent(operation, "406", "The Accept header admits none of the answer's media types");
                }
                if (operation.getRequestBody() != null) {
                    addIfAbsent(operation, "413", "The body is larger than the service accepts (docs/security.md)");
                    addIfAbsent(operation, "415", "Unsupported body media type");
                }
                addIfAbsent(operation, "500", "Server fault");
                // refused by the HTTP layer before any route is chosen: a status, no body
                addBare(operation, "414", "The request line (method, path and query) is longer than 4 KiB (quarkus.http.limits.max-initial-line-length)");
                // HeaderLimit answers it before routing, naming the largest header; past 64 KB Vert.x's decoder answers it bare
                addIfAbsent(operation, "431", "The request's headers are larger than 12 KB in all (pertinence.http.max-header-bytes); "
                        + "past 64 KB the HTTP layer answers without a body");
                if (path.startsWith("/v1/")) {
                    if (operation.getResponses().getAPIResponse("503") == null) {
                        operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse().ref("Unavailable"));
                    }
                    if (operation.getParameters() == null || operation.getParameters().stream()
                            .noneMatch(p -> "#/components/parameters/RequestId".equals(p.getRef()))) {
                        operation.addParameter(OASFactory.createParameter().ref("RequestId"));
                    }
                }
            }
        });
    }

    /**
     * Jackson refuses a body field it does not know (quarkus.jackson.fail-on-unknown-properties): every
     * object a request body can hold says so with additionalProperties: false, so a client or a
     * validator knows before sending. Maps (properties absent, additionalProperties a schema) stay open.
     */
    private static void refuseUnknownFields(OpenAPI openAPI, Components components) {
        Set<String> seen = new HashSet<>();
        Deque<Schema> pending = new ArrayDeque<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values().forEach(media -> {
                    if (media.getSchema() != null) {
                        pending.add(media.getSchema());
                    }
                });
            }
        }));
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                Schema named = components.getSchemas() == null ? null : components.getSchemas().get(name);
                if (named != null && seen.add(name)) {
                    pending.add(named);
                }
                continue;
            }
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
                pending.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAllOf() != null) {
                pending.addAll(schema.getAllOf());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                pending.add(schema.getAdditionalPropertiesSchema());
            }
        }
    }

    /** Whether a success answer has a body, so that the caller's Accept header can be refused (406). */
    private static boolean answersWithABody(Operation operation) {
        return operation.getResponses() != null && operation.getResponses().getAPIResponses().entrySet().stream()
                .anyMatch(answer -> answer.getKey().startsWith("2") && answer.getValue().getContent() != null
                        && !answer.getValue().getContent().getMediaTypes().isEmpty());
    }

    private static void addBare(Operation operation, String status, String description) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static void addIfAbsent(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null && existing.getContent().hasMediaType(PROBLEM)) {
            return; // documented by the resource itself
        }
        // SmallRye adds a bare "400 Bad Request" to validated operations: complete it
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 7807 problem details")
                .addProperty("type", string("URI identifying the kind of problem"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).description("HTTP status code"))
                .addProperty("detail", string("What went wrong, for this request"))
                .addProperty("field", string("The offending field, as a path into the request (e.g. context.cart[2]); "
                        + "for a CSV file 'line N.column'"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("FieldError")).description("Every offending field when there are several"))
                .addProperty("line", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .description("Where in the offending field's text the error is: its line (from 1); for a rule that "
                                + "does not compile (docs/rules.md)"))
                .addProperty("column", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .description("Where in the offending field's text the error is: its column (from 1) on that line"))
                .required(List.of("title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
