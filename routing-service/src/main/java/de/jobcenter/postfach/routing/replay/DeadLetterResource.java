package de.jobcenter.postfach.routing.replay;

import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.routing.config.RoutingConfig;
import de.jobcenter.postfach.routing.decision.DeadLetterReason;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Operator access to the dead-letter topic: list what is outstanding, and replay it once the cause is fixed.
 * Requires the admin bearer token ({@code postfach.routing.admin.token}); without a configured token the endpoints
 * are switched off. Answers never carry message content.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeadLetterResource {
    private static final int MAX_LIMIT = 1000;

    @Inject
    DeadLetterReplayService replay;

    @Inject
    RoutingConfig config;

    @GET
    @Operation(summary = "Outstanding dead letters, oldest first (ids, office, reason; no content)")
    @APIResponse(responseCode = "200", description = "The outstanding dead letters")
    @APIResponse(responseCode = "400", description = "Invalid limit")
    @APIResponse(responseCode = "401", description = "Admin token missing or wrong")
    @APIResponse(responseCode = "403", description = "Dead-letter administration switched off (no token configured)")
    public List<DeadLetter> outstanding(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        authorize(authorization);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.validation(
                    List.of(new FieldError("limit", "Bitte eine Zahl von 1 bis " + MAX_LIMIT + " angeben.")));
        }
        return replay.outstanding(limit);
    }

    @POST
    @Path("/replay")
    @Operation(
            summary = "Re-publish outstanding dead letters to postfach.customer-messages",
            description = "Selects by reason code, office and message id (each optional). Records not selected stay"
                    + " in the dead-letter topic. A record that fails again is dead-lettered again.")
    @APIResponse(responseCode = "200", description = "How many were replayed and kept")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    @APIResponse(responseCode = "401", description = "Admin token missing or wrong")
    @APIResponse(responseCode = "403", description = "Dead-letter administration switched off (no token configured)")
    @APIResponse(responseCode = "409", description = "A replay started on another instance superseded this one")
    @APIResponse(responseCode = "503", description = "Kafka not reachable; what was replayed so far stays replayed")
    public ReplayResult replay(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("code") String code,
            @QueryParam("officeId") String officeId,
            @QueryParam("messageId") String messageId) {
        authorize(authorization);
        return replay.replay(filter(code, officeId, messageId));
    }

    private static ReplayFilter filter(String code, String officeId, String messageId) {
        List<FieldError> errors = new ArrayList<>();
        Optional<DeadLetterReason> reason = Optional.empty();
        if (code != null && !code.isBlank()) {
            try {
                reason = Optional.of(DeadLetterReason.valueOf(code.trim()));
            } catch (IllegalArgumentException e) {
                errors.add(
                        new FieldError("code", "Unbekannter Grund; erlaubt: UNKNOWN_OFFICE, UNDECODABLE, UNROUTABLE."));
            }
        }
        Optional<UUID> message = Optional.empty();
        if (messageId != null && !messageId.isBlank()) {
            try {
                message = Optional.of(UUID.fromString(messageId.trim()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("messageId", "Bitte eine UUID angeben."));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Optional<String> office =
                officeId == null || officeId.isBlank() ? Optional.empty() : Optional.of(officeId.trim());
        return new ReplayFilter(reason, office, message);
    }

    private void authorize(String authorization) {
        String token = config.admin().token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            throw new ProblemException(
                    CommonProblems.FORBIDDEN,
                    "Die Dead-Letter-Verwaltung ist ausgeschaltet: kein Admin-Token konfiguriert.");
        }
        String presented = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim()
                : "";
        if (!MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(CommonProblems.UNAUTHORIZED, "Admin-Token fehlt oder ist falsch.");
        }
    }
}
