package de.jobcenter.postfach.routing.decision;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ServiceCenterContract;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** The checks behind {@link RoutingDecision#decide}; only the decision combines them. */
final class RoutingRules {
    private RoutingRules() {}

    /** The concern's own route, or why there is none. Exactly one of the two is set. */
    record ConcernRoute(RouteRef route, FallbackReason problem) {}

    /**
     * A reply's route is valid while the office still has it: E-AKTE always; an Outlook mailbox while it is among
     * the office's mailboxes (or a configured route's or the fallback's mailbox); a service center while the
     * office's contract with it is effective on the routing date. A route of another office is never valid.
     */
    static boolean replyRouteValid(RouteRef reply, OfficeConfigurationActivated office, LocalDate routingDate) {
        if (!office.officeId().equals(reply.officeId())) {
            return false;
        }
        return switch (reply.channel()) {
            case EAKTE -> true;
            case OUTLOOK -> mailboxConfigured(reply.outlookMailbox(), office);
            case SERVICE_CENTER -> contractEffective(reply.serviceCenterId(), office, routingDate);
        };
    }

    static ConcernRoute concernRoute(String code, OfficeConfigurationActivated office, LocalDate routingDate) {
        Optional<ConcernConfiguration> found = office.concern(code);
        if (found.isEmpty()) {
            return new ConcernRoute(null, FallbackReason.UNKNOWN_CONCERN);
        }
        ConcernConfiguration concern = found.get();
        if (!concern.offered()) {
            return new ConcernRoute(null, FallbackReason.CONCERN_NOT_OFFERED);
        }
        RouteRef route = concern.route();
        if (route == null) {
            // An offered concern without a route is an online flow (a redirect) or a configuration gap.
            return new ConcernRoute(
                    null,
                    concern.redirectUrl() != null ? FallbackReason.ONLINE_FLOW : FallbackReason.CONCERN_NOT_OFFERED);
        }
        if (route.channel() == Channel.SERVICE_CENTER
                && !contractEffective(route.serviceCenterId(), office, routingDate)) {
            // The office cannot offer the concern through the service center (yet, or any more).
            return new ConcernRoute(null, FallbackReason.CONCERN_NOT_OFFERED);
        }
        return new ConcernRoute(route, null);
    }

    static boolean mailboxConfigured(String mailbox, OfficeConfigurationActivated office) {
        if (mailbox == null) {
            return false;
        }
        boolean listed = office.outlookMailboxes().stream().anyMatch(mailbox::equalsIgnoreCase);
        boolean routed = office.concerns().stream()
                .map(ConcernConfiguration::route)
                .filter(Objects::nonNull)
                .anyMatch(route -> mailbox.equalsIgnoreCase(route.outlookMailbox()));
        return listed
                || routed
                || mailbox.equalsIgnoreCase(office.fallbackRoute().outlookMailbox());
    }

    static boolean contractEffective(
            String serviceCenterId, OfficeConfigurationActivated office, LocalDate routingDate) {
        ServiceCenterContract contract = office.serviceCenterContract();
        return contract != null
                && contract.serviceCenterId().equals(serviceCenterId)
                && !routingDate.isBefore(contract.effectiveFrom());
    }
}
