package dev.pertinence.common.problem;

/**
 * A request the service refuses because of what the client sent or asked for. Thrown by domain
 * code; mapped to problem+json and never logged as a server fault.
 */
public class ClientProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ClientProblem(int status, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ClientProblem invalid(String field, String detail) {
        return new ClientProblem(400, "Invalid request", detail, field);
    }

    public static ClientProblem notFound(String what, String id) {
        return new ClientProblem(404, "Not found", what + " '" + LogSafe.value(id) + "' does not exist", null);
    }

    public static ClientProblem notFound(String field, String what, String id) {
        return new ClientProblem(404, "Not found", what + " '" + LogSafe.value(id) + "' does not exist", field);
    }

    /** Well-formed, but contradicts what the service holds (e.g. an outcome for an offer its decision did not make). */
    public static ClientProblem unprocessable(String field, String detail) {
        return new ClientProblem(422, "Unprocessable request", detail, field);
    }

    public static ClientProblem conflict(String field, String detail) {
        return new ClientProblem(409, "Conflict", detail, field);
    }

    public static ClientProblem conflict(String detail) {
        return new ClientProblem(409, "Conflict", detail, null);
    }

    /**
     * A job kind this replica does not run ({@code setting} is false here): 503, so a client or a gateway tries another
     * replica.
     */
    public static ClientProblem turnedOff(String what, String setting) {
        return new ClientProblem(503, "Service unavailable", what + " are turned off on this replica (" + setting
                + " is false): ask a replica that runs them", null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), field);
    }
}
