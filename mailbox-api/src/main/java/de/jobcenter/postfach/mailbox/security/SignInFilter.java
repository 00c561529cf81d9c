package de.jobcenter.postfach.mailbox.security;

import de.jobcenter.postfach.mailbox.customer.CustomerService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records every authenticated call of an admitted customer: customer number → customer id (so staff messages
 * addressed by number find them, and ones held for the number are filed now), and the verified e-mail address
 * (republished to notification-service when it changed). Runs after the level-of-assurance check.
 */
public class SignInFilter {
    @Inject
    JsonWebToken token;

    @Inject
    CurrentCustomer customer;

    @Inject
    CustomerService customers;

    @ServerRequestFilter(priority = Priorities.USER)
    public void recordSignIn(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || token.getRawToken() == null) {
            return;
        }
        customers.signIn(customer.id(), customer.customerNumber(), customer.verifiedEmail());
    }
}
