package de.jobcenter.postfach.routing.decision;

import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.RouteRef;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides the channel of a customer message. The walking skeleton sends every message to its office's E-AKTE;
 * the configuration-driven decision replaces this body without changing its callers.
 */
@ApplicationScoped
public class Router {
    public RoutingDecision decide(CustomerMessageSubmitted message) {
        return new RoutingDecision(RouteRef.eakte(message.officeId()), 0L, null);
    }
}
