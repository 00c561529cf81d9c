package de.jobcenter.postfach.servicecenter.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.kit.adapter.StaffMessagePublisher;
import de.jobcenter.postfach.kit.adapter.StaffMessages;
import de.jobcenter.postfach.kit.problem.Problem;
import de.jobcenter.postfach.servicecenter.config.ServiceCenterConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    ObjectMapper strictMapper;

    @Inject
    ServiceCenterConfig config;

    @Inject
    @org.eclipse.microprofile.reactive.messaging.Channel("staff-messages")
    MutinyEmitter<byte[]> emitter;

    @Inject
    Clock clock;

    private StaffMessagePublisher publisher;

    @PostConstruct
    void init() {
        publisher = new StaffMessagePublisher(emitter, "servicecenter-adapter", clock);
    }

    @POST
    @APIResponse(responseCode = "202", description = "Auf Kafka; die Nachricht wird zugestellt.")
    @APIResponse(
            responseCode = "400",
            description = "Ungültige Angaben",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "Ohne, mit ungültiger, veralteter oder wiederholter Signatur",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(
            byte[] body,
            @HeaderParam(SignatureVerifier.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(SignatureVerifier.SIGNATURE_HEADER) String signature)
            throws IOException {
        String used = verifier.verify(timestamp, signature, body == null ? new byte[0] : body);
        try {
            VccReply reply = strictMapper.readValue(body, VccReply.class);
            String officeId = reply == null ? null : reply.officeId();
            StaffMessageSent message = StaffMessages.accept(
                    reply == null ? null : reply.toInbound(),
                    Channel.SERVICE_CENTER,
                    officeId == null ? null : RouteRef.serviceCenter(officeId, config.serviceCenterId()),
                    clock.instant());
            publisher.publish(message);
            LOG.infof("Accepted staff message %s from the VCC", message.messageId());
            return Response.accepted(Map.of("messageId", message.messageId())).build();
        } catch (IOException | RuntimeException e) {
            verifier.release(used);
            throw e;
        }
    }
}
