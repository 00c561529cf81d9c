package de.jobcenter.postfach.mailbox.security;

import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.ProblemType;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Opens the mailbox only to a customer the token names ({@code sub}) at a level of assurance of at least
 * „Pin-Brief-bestätigt“. Quarkus' own step-up support answers 401; the portal needs a 403 with its own problem
 * type to tell the customer what to do.
 */
public class LevelOfAssuranceFilter {
    public static final ProblemType INSUFFICIENT_LEVEL_OF_ASSURANCE = new ProblemType(
            "insufficient-level-of-assurance",
            "Für das Postfach ist die Sicherheitsstufe „Pin-Brief-bestätigt“ erforderlich.",
            403);

    @Inject
    JsonWebToken token;

    @Inject
    CurrentCustomer customer;

    @Inject
    MailboxConfig config;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void requireLevelOfAssurance(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || token.getRawToken() == null) {
            return; // unauthenticated calls are refused by the security layer with 401
        }
        if (!customer.hasUsableId()) {
            throw new UnauthorizedException();
        }
        String acr = customer.acr().orElse(null);
        if (acr == null || !config.security().acceptedAcr().contains(acr)) {
            throw new ProblemException(
                    INSUFFICIENT_LEVEL_OF_ASSURANCE,
                    "Bitte bestätigen Sie Ihre Identität mit dem Pin-Brief oder der Online-Ausweisfunktion.");
        }
    }
}
