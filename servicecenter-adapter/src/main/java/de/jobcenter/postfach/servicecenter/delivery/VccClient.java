package de.jobcenter.postfach.servicecenter.delivery;

import de.jobcenter.postfach.servicecenter.rejection.RejectionNoticeRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The VCC's REST API. Every status comes back as a {@link Response} ({@code disable-default-mapper}): the caller
 * decides what it means.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "vcc")
public interface VccClient {

    /** Opens a ticket, or finds the one opened before for the same external reference (409). */
    @POST
    @Path("/tickets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response openTicket(Ticket ticket);

    /** Marks a staff reply (by the message id the adapter answered it with) as not filed, with the reason. */
    @POST
    @Path("/staff-messages/{messageId}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response rejectStaffMessage(@PathParam("messageId") UUID messageId, RejectionNoticeRequest notice);
}
