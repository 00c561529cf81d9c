package de.jobcenter.postfach.eakte.delivery;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** E-AKTE's REST API. Every call carries an idempotency key, so a redelivery never files twice. */
@Path("/api/v1")
@RegisterRestClient(configKey = "eakte")
public interface EakteClient {

    @POST
    @Path("/incoming-documents")
    @Consumes(MediaType.APPLICATION_JSON)
    Response fileIncomingDocument(@HeaderParam("Idempotency-Key") String idempotencyKey, IncomingDocument document);
}
