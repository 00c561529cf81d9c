package de.jobcenter.postfach.eakte.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.kit.adapter.InboundStaffMessage;
import de.jobcenter.postfach.kit.adapter.OfficeCheck;
import de.jobcenter.postfach.kit.adapter.StaffMessageJson;
import de.jobcenter.postfach.kit.adapter.StaffMessagePublisher;
import de.jobcenter.postfach.kit.adapter.StaffMessages;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.kit.problem.Problem;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * Where E-AKTE posts staff messages: direct replies and conversations staff start there. The answer is 202 only
 * once the message is on Kafka; the same {@code sourceId} always yields the same message id. The office must be
 * known to the replica and live; the body plain text; attachments are refused.
 */
@Path("/api/v1/eakte/messages")
@RolesAllowed("${postfach.eakte.client-role}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EakteMessageResource {
    private static final Logger LOG = Logger.getLogger(EakteMessageResource.class);

    @Inject
    @org.eclipse.microprofile.reactive.messaging.Channel("staff-messages")
    MutinyEmitter<byte[]> emitter;

    @Inject
    ObjectMapper strictMapper;

    @Inject
    OfficeConfigReplica offices;

    @Inject
    Clock clock;

    private StaffMessagePublisher publisher;
    private OfficeCheck officeCheck;

    @PostConstruct
    void init() {
        publisher = new StaffMessagePublisher(emitter, "eakte-adapter", clock);
        officeCheck = OfficeCheck.liveOffice(offices, clock, office -> Optional.empty());
    }

    @POST
    @RequestBody(content = @Content(schema = @Schema(implementation = InboundStaffMessage.class)))
    @APIResponse(
            responseCode = "202",
            description = "Auf Kafka; die Nachricht wird zugestellt.",
            content = @Content(schema = @Schema(implementation = StaffMessageAccepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "Ungültige Angaben, unbekannte oder nicht freigeschaltete Dienststelle, HTML, Anhänge",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "Kein oder ungültiges Token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Dem Client fehlt die Rolle für E-AKTE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Die Anfrage ist größer als 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Die Konfiguration der Dienststellen wird noch geladen oder Kafka ist nicht erreichbar",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(byte[] body) throws IOException {
        InboundStaffMessage request = StaffMessageJson.read(body, InboundStaffMessage.class, strictMapper);
        StaffMessageSent message = StaffMessages.accept(
                request,
                Channel.EAKTE,
                request.officeId() == null ? null : RouteRef.eakte(request.officeId()),
                clock.instant(),
                officeCheck);
        publisher.publish(message);
        LOG.infof("Accepted staff message %s from E-AKTE", message.messageId());
        return Response.accepted(new StaffMessageAccepted(message.messageId())).build();
    }
}
