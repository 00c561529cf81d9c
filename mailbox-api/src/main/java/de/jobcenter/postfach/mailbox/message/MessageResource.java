package de.jobcenter.postfach.mailbox.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.mailbox.idempotency.IdempotentWrites;
import de.jobcenter.postfach.mailbox.security.CurrentCustomer;
import io.quarkus.security.Authenticated;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's messages: write, list, count unread, read, answer, delete. */
@Path("/api/v1/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nachrichten")
public class MessageResource {
    private static final int PAGE_SIZE_MAX = 100;

    @Inject
    MessageService service;

    @Inject
    IdempotentWrites idempotency;

    @Inject
    CurrentCustomer customer;

    @Inject
    ObjectMapper json;

    /** The answer to a write is rendered once, to be sent and stored for a retry; the writer is built once. */
    private ObjectWriter detailWriter;

    @PostConstruct
    void createWriters() {
        detailWriter = json.writerFor(MessageViews.Detail.class);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "writeMessage",
            summary = "Eine Nachricht an eine Dienststelle schreiben (neue Konversation)")
    @APIResponse(
            responseCode = "201",
            description = "Gespeichert; Location nennt die Nachricht. Eine Wiederholung mit demselben "
                    + "Idempotency-Key liefert diese erste Antwort noch einmal (Kopfzeile Idempotent-Replayed: true).",
            headers = @Header(name = "Location", description = "URL der neuen Nachricht"),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageViews.Detail.class)))
    @Parameter(
            name = IdempotentWrites.HEADER,
            in = ParameterIn.HEADER,
            description = "Optional; je Kundin/Kunde 24 Stunden gültig (A–Z, a–z, 0–9 und ._:+/=-, bis 255 Zeichen,"
                    + " z. B. eine UUID). Eine Wiederholung liefert die erste Antwort und speichert nichts Neues.",
            schema = @Schema(type = SchemaType.STRING))
    public Response write(WriteMessageRequest request, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (request == null) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Nachricht fehlt.")));
        }
        String key = IdempotentWrites.keyOf(headers);
        return idempotency.execute(customer.id(), key, "POST /api/v1/messages", request, () -> {
            MailboxMessage message = service.write(customer.id(), customer.customerNumber(), request);
            return created(message, uri);
        });
    }

    @GET
    @Operation(operationId = "listMessages", summary = "Posteingang oder gesendete Nachrichten, neueste zuerst")
    @APIResponse(
            responseCode = "200",
            description = "Eine Seite des Ordners",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageViews.Page.class)))
    public MessageViews.Page list(
            @Parameter(description = "inbox (Standard) oder sent") @QueryParam("folder") String folder,
            @Parameter(description = "Seite ab 0 (Standard 0)") @QueryParam("page") String page,
            @Parameter(description = "Einträge je Seite, 1 bis 100 (Standard 20)") @QueryParam("size") String size) {
        List<FieldError> errors = new ArrayList<>();
        Direction direction = null;
        if (folder == null || folder.equals("inbox")) {
            direction = Direction.RECEIVED;
        } else if (folder.equals("sent")) {
            direction = Direction.SENT;
        } else {
            errors.add(new FieldError("folder", "Erlaubt sind „inbox“ und „sent“."));
        }
        int pageNumber = number(page, 0, 0, 1_000_000, "page", "Eine ganze Zahl ab 0.", errors);
        int pageSize = number(size, 20, 1, PAGE_SIZE_MAX, "size", "Eine ganze Zahl von 1 bis 100.", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return service.folder(customer.id(), direction, pageNumber, pageSize);
    }

    @GET
    @Path("/unread-count")
    @Operation(operationId = "unreadCount", summary = "Anzahl ungelesener Nachrichten im Posteingang")
    @APIResponse(
            responseCode = "200",
            description = "Die Anzahl",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageViews.UnreadCount.class)))
    public MessageViews.UnreadCount unreadCount() {
        return new MessageViews.UnreadCount(service.unreadCount(customer.id()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "readMessage", summary = "Eine Nachricht lesen; eine empfangene gilt danach als gelesen")
    @APIResponse(
            responseCode = "200",
            description = "Die Nachricht",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageViews.Detail.class)))
    public MessageViews.Detail read(@PathParam("id") UUID id) {
        return service.view(service.read(customer.id(), id));
    }

    @POST
    @Path("/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replyToMessage",
            summary = "Auf eine Nachricht der Dienststelle antworten (in derselben Konversation)")
    @APIResponse(
            responseCode = "201",
            description = "Gespeichert; Location nennt die Antwort. Ohne Betreff: „AW: “ und der Betreff der "
                    + "beantworteten Nachricht, auf 200 Zeichen gekürzt.",
            headers = @Header(name = "Location", description = "URL der Antwort"),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageViews.Detail.class)))
    @Parameter(
            name = IdempotentWrites.HEADER,
            in = ParameterIn.HEADER,
            description = "Optional, wie beim Schreiben",
            schema = @Schema(type = SchemaType.STRING))
    public Response reply(
            @PathParam("id") UUID id, ReplyRequest request, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (request == null) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Antwort fehlt.")));
        }
        String operation = "POST /api/v1/messages/" + id + "/replies";
        String key = IdempotentWrites.keyOf(headers);
        return idempotency.execute(customer.id(), key, operation, request, () -> {
            MailboxMessage message = service.reply(customer.id(), customer.customerNumber(), id, request);
            return created(message, uri);
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            operationId = "deleteMessage",
            summary = "Eine Nachricht aus dem eigenen Postfach entfernen (die Unterlagen der Dienststelle bleiben)")
    @APIResponse(responseCode = "204", description = "Entfernt")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(customer.id(), id);
        return Response.noContent().build();
    }

    private IdempotentWrites.Answer created(MailboxMessage message, UriInfo uri) {
        String location = uri.getBaseUriBuilder()
                .path("api/v1/messages/{id}")
                .build(message.messageId)
                .toString();
        try {
            return new IdempotentWrites.Answer(201, location, detailWriter.writeValueAsString(service.view(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A message view is not serialisable", e);
        }
    }

    private static int number(
            String value, int fallback, int min, int max, String field, String message, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        errors.add(new FieldError(field, message));
        return fallback;
    }
}
