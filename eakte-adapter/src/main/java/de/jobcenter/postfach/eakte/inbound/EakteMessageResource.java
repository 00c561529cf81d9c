package de.jobcenter.postfach.eakte.inbound;

import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.kit.adapter.InboundStaffMessage;
import de.jobcenter.postfach.kit.adapter.StaffMessagePublisher;
import de.jobcenter.postfach.kit.adapter.StaffMessages;
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
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Where E-AKTE posts staff messages: direct replies and conversations staff start there. The answer is 202 only
 * once the message is on Kafka; the same {@code sourceId} always yields the same message id.
 */
@Path("/api/v1/eakte/messages")
@RolesAllowed("${postfach.eakte.client-role}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EakteMessageResource {
    private static final Logger LOG = Logger.getLogger(EakteMessageResource.class);

    @Inject
    @Channel("staff-messages")
    MutinyEmitter<byte[]> emitter;

    @Inject
    Clock clock;

    private StaffMessagePublisher publisher;

    @PostConstruct
    void init() {
        publisher = new StaffMessagePublisher(emitter, "eakte-adapter", clock);
    }

    @POST
    @APIResponse(responseCode = "202", description = "Auf Kafka; die Nachricht wird zugestellt.")
    @APIResponse(
            responseCode = "400",
            description = "Ungültige Angaben",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Kein oder ungültiges Token")
    @APIResponse(responseCode = "403", description = "Dem Client fehlt die Rolle für E-AKTE")
    public Response receive(InboundStaffMessage request) {
        String officeId = request == null ? null : request.officeId();
        StaffMessageSent message = StaffMessages.accept(
                request, de.jobcenter.postfach.contracts.Channel.EAKTE, RouteRef.eakte(officeId), clock.instant());
        publisher.publish(message);
        LOG.infof("Accepted staff message %s from E-AKTE", message.messageId());
        return Response.accepted(new StaffMessageAccepted(message.messageId())).build();
    }
}
