package de.jobcenter.postfach.eakte.delivery;

import de.jobcenter.postfach.eakte.archive.ArchiveDocument;
import de.jobcenter.postfach.eakte.rejection.RejectionNoticeDocument;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * E-AKTE's REST API. Every call carries an idempotency key, so a redelivery never files twice. Every status comes
 * back as a {@link Response} ({@code disable-default-mapper}): the caller decides what it means.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "eakte")
public interface EakteClient {
    String IDEMPOTENCY_KEY = "Idempotency-Key";

    @POST
    @Path("/incoming-documents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response fileIncomingDocument(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, IncomingDocument document);

    /** A rejection notice is an incoming document of its own type, routed by E-AKTE's rule set to the office. */
    @POST
    @Path("/incoming-documents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response fileRejectionNotice(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, RejectionNoticeDocument document);

    /** Files a revision-safe copy; the key is {@code <messageId>:<direction>}. 201 or 409 with the receipt. */
    @POST
    @Path("/archive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response archive(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, ArchiveDocument document);
}
