package de.jobcenter.postfach.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where a service turns exceptions into RFC 9457 problem documents. No answer carries a stack
 * trace, SQL, a Java class name or a quoted piece of the request.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognizedField(UnrecognizedPropertyException e) {
        return respond(ProblemException.validation(List.of(new FieldError(path(e), "Dieses Feld ist unbekannt.")))
                .toProblem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response wrongType(InvalidFormatException e) {
        return respond(ProblemException.validation(
                        List.of(new FieldError(path(e), "Der Wert hat nicht das erwartete Format.")))
                .toProblem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return respond(
                    Problem.of(CommonProblems.MALFORMED_REQUEST, "Der Inhalt passt nicht zur erwarteten Struktur."));
        }
        return respond(
                ProblemException.validation(List.of(new FieldError(field, "Der Wert hat nicht den erwarteten Typ.")))
                        .toProblem());
    }

    @ServerExceptionMapper(priority = 2)
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of(CommonProblems.MALFORMED_REQUEST, "Der Inhalt ist kein gültiges JSON."));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return respond(ProblemException.validation(errors).toProblem());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(CommonProblems.FORBIDDEN, null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthorized();
        }
        ProblemType type = switch (status) {
            case 400 -> CommonProblems.MALFORMED_REQUEST;
            case 403 -> CommonProblems.FORBIDDEN;
            case 404 -> CommonProblems.NOT_FOUND;
            case 405 -> CommonProblems.METHOD_NOT_ALLOWED;
            case 406 -> CommonProblems.NOT_ACCEPTABLE;
            case 409 -> CommonProblems.CONFLICT;
            case 413 -> CommonProblems.PAYLOAD_TOO_LARGE;
            case 415 -> CommonProblems.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> CommonProblems.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? CommonProblems.INTERNAL : CommonProblems.UNPROCESSABLE;
        };
        if (status >= 500) {
            return internal(e);
        }
        Problem p = new Problem(type.uri(), type.title(), status, null, List.of(), Map.of());
        return respond(p);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        return internal(e);
    }

    private Response internal(Throwable e) {
        if (SafeThrowables.isUnavailableDependency(e)) {
            LOG.warnf("A dependency is unavailable: %s", SafeThrowables.describe(e));
            return Response.fromResponse(respond(Problem.of(CommonProblems.SERVICE_UNAVAILABLE, null)))
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf("Unexpected error %s: %s", errorId, SafeThrowables.describe(e));
        return respond(Problem.of(CommonProblems.INTERNAL, "Fehlerkennung: " + errorId));
    }

    private static Response unauthorized() {
        return Response.fromResponse(respond(Problem.of(CommonProblems.UNAUTHORIZED, null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static final java.util.regex.Pattern PLAIN_FIELD_PATH =
            java.util.regex.Pattern.compile("[A-Za-z0-9_\\-\\[\\].]{1,100}");

    /** The JSON path of the offending field, or a neutral placeholder: a client's field name is not echoed raw. */
    private static String path(JsonMappingException e) {
        String path = rawPath(e);
        return path.isEmpty() || PLAIN_FIELD_PATH.matcher(path).matches() ? path : "(unbekanntes Feld)";
    }

    private static String rawPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String lastNode(String propertyPath) {
        // "write.request.subject" -> "subject": the JSON field a client knows
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
