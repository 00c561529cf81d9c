package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.Problem;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.mailbox.security.CurrentCustomer;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The customer's messages: write, list, read. */
@Path("/api/v1/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {
    @Inject
    MessageService service;

    @Inject
    CurrentCustomer customer;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Gespeichert; Location nennt die Nachricht.")
    @APIResponse(
            responseCode = "400",
            description = "Ungültige Angaben",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response write(WriteMessageRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Nachricht fehlt.")));
        }
        MailboxMessage message = service.write(customer.id(), customer.customerNumber(), request);
        return Response.created(
                        uri.getBaseUriBuilder().path("api/v1/messages/{id}").build(message.messageId))
                .entity(MessageViews.Detail.of(message))
                .build();
    }

    @GET
    public MessageViews.Page list(
            @QueryParam("folder") @DefaultValue("inbox") String folder,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Direction direction = switch (folder) {
            case "inbox" -> Direction.RECEIVED;
            case "sent" -> Direction.SENT;
            default ->
                throw ProblemException.validation(
                        List.of(new FieldError("folder", "Erlaubt sind „inbox“ und „sent“.")));
        };
        if (page < 0 || size < 1 || size > 100) {
            throw ProblemException.validation(
                    List.of(new FieldError("size", "Seite ab 0, Seitengröße von 1 bis 100.")));
        }
        return service.folder(customer.id(), direction, page, size);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "Die Nachricht")
    @APIResponse(
            responseCode = "404",
            description = "Keine solche Nachricht in diesem Postfach",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MessageViews.Detail read(@PathParam("id") UUID id) {
        return MessageViews.Detail.of(service.read(customer.id(), id));
    }
}
