package dev.pertinence.consent.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import dev.pertinence.common.security.Roles;
import dev.pertinence.consent.service.ConsentCsv;
import dev.pertinence.consent.store.ConsentExport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every consent answer, for the data-protection officer (an audit, a regulator's request). */
@Path("/v1/consents/export")
@Tag(name = "Customers")
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class ConsentExportResource {

    private final ConsentExport export;

    public ConsentExportResource(ConsentExport export) {
        this.export = export;
    }

    @GET
    @Produces("text/csv")
    @Operation(operationId = "exportConsents", summary = "Export every consent answer as CSV, streamed",
            description = "The import's format (`" + ConsentCsv.HEADER + "`), ordered by customer, purpose and channel: "
                    + "what it exports can be imported back.")
    @APIResponse(responseCode = "200", description = "The consents, one a line after the header",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response exportCsv() {
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
            writer.write(ConsentCsv.HEADER);
            writer.write('\n');
            export.each(line -> {
                try {
                    writer.write(line);
                    writer.write('\n');
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"consents.csv\"").build();
    }
}
