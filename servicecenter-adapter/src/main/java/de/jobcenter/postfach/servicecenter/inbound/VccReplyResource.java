package de.jobcenter.postfach.servicecenter.inbound;

import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.kit.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * Where the VCC posts staff answers and staff-started conversations. The signature is checked over the raw body
 * before anything is parsed; an unsigned, stale or replayed call gets 401 and changes nothing.
 */
@Path("/api/v1/vcc/replies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VccReplyResource {
    private static final Logger LOG = Logger.getLogger(VccReplyResource.class);

    @Inject
    SignatureVerifier verifier;

    @Inject
    ReplyIntake intake;

    @POST
    @RequestBody(content = @Content(schema = @Schema(implementation = VccReply.class)))
    @APIResponse(responseCode = "202", description = "Auf Kafka; die Nachricht wird zugestellt.")
    @APIResponse(
            responseCode = "400",
            description = "Ungültige Angaben, unbekannte Dienststelle oder ohne Service-Center-Vertrag, HTML, Anhänge",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "Ohne, mit ungültiger, veralteter oder wiederholter Signatur",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Die Anfrage ist größer als 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Datenbank, Kafka oder die Konfiguration der Dienststellen ist noch nicht bereit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(
            byte[] body,
            @HeaderParam(SignatureVerifier.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SignatureVerifier.SIGNATURE_HEADER) String signature)
            throws IOException {
        SignatureVerifier.Verified verified = verifier.verify(timestamp, signature, body == null ? new byte[0] : body);
        StaffMessageSent message = intake.accept(body, verified);
        LOG.infof("Accepted staff message %s from the VCC", message.messageId());
        return Response.accepted(Map.of("messageId", message.messageId())).build();
    }
}
