package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.Problem;
import de.jobcenter.postfach.kit.problem.ProblemType;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The web UI's side of the service's one exception mapper: on pages, a problem document becomes an accessible German
 * error page with the problem's title and detail (never a stack trace), and a bare refusal gets a page too. The CSRF
 * filter refuses a form with a bare 400; on a page that is a 403 („form not trusted“). Every page also gets the
 * security headers of the UI.
 */
public class WebResponses {
    private static final MediaType HTML = new MediaType("text", "html", "UTF-8");
    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void pages(ContainerRequestContext request, ContainerResponseContext response) {
        if (!WebPaths.isWeb(request.getUriInfo().getPath())) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        Problem problem = null;
        if (response.getEntity() instanceof Problem p) {
            problem = p;
        } else if (response.getStatus() >= 400 && !response.hasEntity()) {
            problem = bare(request.getMethod(), response.getStatus());
        }
        if (problem == null) {
            return;
        }
        response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        response.setStatus(problem.status());
        List<FormErrors.Item> errors = problem.errors().stream()
                .map(e -> new FormErrors.Item(e.field(), e.message(), null))
                .toList();
        String html = Templates.error(
                        new Page(problem.title(), "", null, null),
                        problem.status(),
                        problem.title(),
                        problem.detail(),
                        errors)
                .render();
        response.setEntity(html, null, HTML);
    }

    private static Problem bare(String method, int status) {
        if (status == 400 && !SAFE_METHODS.contains(method)) {
            return Problem.of(
                    WebProblems.FORM_NOT_TRUSTED,
                    "Bitte laden Sie die Seite neu und senden Sie das Formular noch einmal ab.");
        }
        ProblemType type = switch (status) {
            case 401 -> CommonProblems.UNAUTHORIZED;
            case 403 -> CommonProblems.FORBIDDEN;
            case 404 -> CommonProblems.NOT_FOUND;
            case 405 -> CommonProblems.METHOD_NOT_ALLOWED;
            case 406 -> CommonProblems.NOT_ACCEPTABLE;
            case 409 -> CommonProblems.CONFLICT;
            case 413 -> CommonProblems.PAYLOAD_TOO_LARGE;
            case 415 -> CommonProblems.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> CommonProblems.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? CommonProblems.INTERNAL : CommonProblems.MALFORMED_REQUEST;
        };
        return new Problem(type.uri(), type.title(), status, null, List.of(), java.util.Map.of());
    }
}
