package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.mailbox.security.CurrentCustomer;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A conversation with an office, as one thread. */
@Path("/api/v1/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nachrichten")
public class ConversationResource {
    @Inject
    MessageService service;

    @Inject
    CurrentCustomer customer;

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getConversation",
            summary = "Eine Konversation, älteste Nachricht zuerst (entfernte Nachrichten nicht)")
    @APIResponse(
            responseCode = "200",
            description = "Die Konversation",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageViews.Thread.class)))
    public MessageViews.Thread conversation(@PathParam("id") UUID id) {
        return service.conversation(customer.id(), id);
    }
}
