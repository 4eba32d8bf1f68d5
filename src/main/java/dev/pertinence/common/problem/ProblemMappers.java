package dev.pertinence.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.pertinence.common.AllowedMethods;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * One mapper per exception family, all answering {@code application/problem+json}. Client
 * errors are logged at debug level, server faults at error level with their stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final dev.pertinence.common.ThrottledLog UNAVAILABLE =
            new dev.pertinence.common.ThrottledLog(LOG, java.time.Duration.ofSeconds(10));

    @ServerExceptionMapper
    public Response clientProblem(ClientProblem problem) {
        LOG.debugf("Client problem %d: %s", problem.status(), problem.getMessage());
        return respond(problem.toProblem());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        String field = errors.isEmpty() ? null : errors.get(0).field();
        return respond(new Problem("about:blank", "Invalid request", 400, detail, field, errors, null, null));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException exception) {
        return respond(jsonProblem(exception));
    }

    /** Quarkus ships a plain-text mapper for this exact type; ours must be at least as specific. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException exception) {
        return respond(jsonProblem(exception));
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException exception) {
        return respond(jsonProblem(exception));
    }

    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, ContainerRequestContext request) {
        if (exception.getCause() instanceof JsonProcessingException json) {
            return respond(jsonProblem(json));
        }
        int status = exception.getResponse().getStatus();
        if (status == 405 || status == 404) { // JAX-RS says 404 when a class-level path lacks the method
            Response notAllowed = methodNotAllowed(request);
            if (notAllowed != null) {
                return notAllowed;
            }
        }
        if (status >= 500) {
            LOG.error("Server fault", exception);
            return respond(Problem.of(status, "Server error", "The service could not answer this request", null));
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Client error" : known.getReasonPhrase();
        return respond(Problem.of(status, title, LogSafe.value(exception.getMessage()), null));
    }

    /** A path the API has, asked with a method it does not answer: 405 saying which methods it does. */
    private Response methodNotAllowed(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        Set<String> allowed = path == null ? Set.of() : allowedMethods.of(path);
        if (allowed.isEmpty() || allowed.contains(request.getMethod())) {
            return null;
        }
        String methods = AllowedMethods.header(allowed);
        Response problem = respond(Problem.of(405, "Method not allowed", LogSafe.value(request.getMethod())
                + " is not answered here; this path answers " + methods, null));
        return Response.fromResponse(problem).header("Allow", methods).build();
    }

    /** No token, or one that is not valid (signature, issuer, expiry): who is calling is unknown. */
    @ServerExceptionMapper({io.quarkus.security.AuthenticationFailedException.class, io.quarkus.security.UnauthorizedException.class})
    public Response unauthenticated(RuntimeException exception) {
        LOG.debugf("Unauthenticated request: %s", exception.getClass().getSimpleName());
        Response problem = respond(Problem.of(401, "Unauthorized",
                "A valid bearer token is required (Authorization: Bearer <JWT>); docs/security.md", null));
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token whose roles do not include one this endpoint admits. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException exception) {
        return respond(Problem.of(403, "Forbidden", "The token's roles do not allow this operation; docs/security.md", null));
    }

    @ServerExceptionMapper
    public Response unavailable(Unavailable unavailable) {
        // once per 10 s under a storm (a store down answers thousands of requests a second)
        UNAVAILABLE.warn("Service unavailable: " + unavailable.getMessage(),
                unavailable.getCause() == null ? unavailable : unavailable.getCause());
        Response problem = respond(Problem.of(503, "Service unavailable", unavailable.getMessage(), null));
        return Response.fromResponse(problem).header("Retry-After", Math.max(1, unavailable.retryAfter().toSeconds())).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable throwable) {
        if (throwable.getCause() instanceof ClientProblem problem) {
            return clientProblem(problem);
        }
        if (clientWentAway(throwable)) {
            LOG.debugf("The client closed the request before it was read: %s", throwable.toString());
            return respond(Problem.of(400, "Request aborted", "The request was closed by the client before it was read", null));
        }
        String refused = dataException(throwable);
        if (refused != null) { // SQLSTATE class 22: a value PostgreSQL cannot store (a number or a date out of range)
            LOG.debugf("Value refused by PostgreSQL: %s", LogSafe.value(refused));
            return respond(Problem.of(400, "Invalid request", "A value cannot be stored: " + inCallersTerms(refused), null));
        }
        if (StoreFailures.unavailable(throwable)) {
            return unavailable(new Unavailable("A store the service needs is unavailable or overloaded: send the request again "
                    + "later", StoreFailures.RETRY_AFTER, throwable));
        }
        LOG.error("Server fault", throwable);
        return respond(Problem.of(500, "Server error", "The service could not answer this request", null));
    }

    /** "SQLSTATE: message" when PostgreSQL refused a value (class 22), through the reactive client or Hibernate; else null. */
    static String dataException(Throwable failure) {
        Throwable refused = Causes.first(failure, cause ->
                cause instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")
                || cause instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLState() != null && jdbc.getSQLState().startsWith("22"));
        return refused instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState() + ": " + pg.getErrorMessage()
                : refused instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() + ": " + jdbc.getErrorMessage() : null;
    }

    /** What PostgreSQL refused, said for the caller: its own message names SQL types and encodings, not fields. */
    static String inCallersTerms(String refused) {
        String state = refused.substring(0, Math.min(5, refused.length()));
        return switch (state) {
            case "22001" -> "a text is longer than its field allows";
            case "22003" -> "a number is out of the range its field allows";
            case "22007", "22008" -> "a date or time is out of the range that can be stored";
            case "22021", "22P05" -> "a text contains a character that cannot be stored (the NUL character)";
            default -> "a value is not valid for its field";
        };
    }

    /** The HTTP connection or stream was closed while its body was being read: nobody is waiting for the answer. */
    static boolean clientWentAway(Throwable failure) {
        return Causes.first(failure, cause -> cause instanceof io.vertx.core.http.HttpClosedException) != null;
    }

    static Problem jsonProblem(JsonProcessingException exception) {
        return JsonProblems.of(exception);
    }

    /** "upsert.arg1.context.limit" becomes "context.limit": the client knows its body, not our method names. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                if (node.getKind() == ElementKind.PARAMETER && !isBody(node)) {
                    field.setLength(0);
                    field.append(node.getName());
                }
                continue;
            }
            if (node.getName() == null && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
                continue;
            }
            if (node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** Resources name their request-body parameter {@code body}; its name is not part of the client's field path. */
    private static boolean isBody(Path.Node node) {
        return "body".equals(node.getName());
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
