package dev.pertinence.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 7807 problem document, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 7807 problem details")
public record Problem(
        @Schema(description = "URI identifying the kind of problem", examples = "about:blank") String type,
        @Schema(description = "Short summary of the kind of problem", examples = "Invalid request") String title,
        @Schema(description = "HTTP status code", examples = "400") int status,
        @Schema(description = "What went wrong, for this request") String detail,
        @Schema(description = "The offending field, as a JSON path into the request (e.g. context.cart[2])") String field,
        @Schema(description = "Every offending field when there are several") List<FieldError> errors,
        @Schema(description = "Where in the offending field's text the error is: its line (from 1); for a rule that does not compile")
        Integer line,
        @Schema(description = "Where in the offending field's text the error is: its column (from 1) on that line") Integer column) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail, String field) {
        return new Problem("about:blank", title, status, detail, field, null, null, null);
    }
}
