package de.jobcenter.postfach.routing.decision;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one customer message goes: the rules of the routing design in one place, free of Kafka and Quarkus.
 *
 * <ol>
 *   <li>A reply ({@code replyRoute} present) goes back to the channel, mailbox or service center the staff message
 *       came from, if that route is still valid for the office; else rule 2 with {@link
 *       FallbackReason#REPLY_ROUTE_INVALID}.
 *   <li>Otherwise the office's active configuration for the message's concern.
 *   <li>Where that gives no usable route, the office's fallback route, with the reason.
 *   <li>An office this instance has no configuration for: the message is dead-lettered.
 * </ol>
 *
 * The decision is taken with the configuration held at routing time (not at submission), on the routing date in
 * the offices' time zone. An office that is not live (go-live date not reached, or suspended) still gets its
 * messages: mailbox-api only accepts writes for live offices, so such a message was written while the office was
 * live, and it must not be lost.
 */
public sealed interface RoutingDecision permits RoutingDecision.Routed, RoutingDecision.DeadLettered {

    /**
     * Decides for one message.
     *
     * @param office the office's active configuration as this instance holds it, empty for an unknown office
     * @param routingDate today in the offices' time zone (Europe/Berlin): decides whether a contract is effective
     */
    static RoutingDecision decide(
            CustomerMessageSubmitted message, Optional<OfficeConfigurationActivated> office, LocalDate routingDate) {
        Objects.requireNonNull(message, "message is required");
        Objects.requireNonNull(routingDate, "routingDate is required");
        if (office.isEmpty()) {
            return new DeadLettered(
                    DeadLetterReason.UNKNOWN_OFFICE,
                    "no active configuration for office " + message.officeId() + " in this instance");
        }
        OfficeConfigurationActivated configuration = office.get();
        boolean live = configuration.isLiveOn(routingDate);
        FallbackReason replyProblem = null;
        if (message.replyRoute() != null) {
            if (RoutingRules.replyRouteValid(message.replyRoute(), configuration, routingDate)) {
                return Routed.of(message, message.replyRoute(), configuration, null, live);
            }
            replyProblem = FallbackReason.REPLY_ROUTE_INVALID;
        }
        RoutingRules.ConcernRoute concern = RoutingRules.concernRoute(message.concern(), configuration, routingDate);
        if (concern.route() != null) {
            return Routed.of(message, concern.route(), configuration, replyProblem, live);
        }
        FallbackReason reason = replyProblem != null ? replyProblem : concern.problem();
        return Routed.of(message, configuration.fallbackRoute(), configuration, reason, live);
    }

    /**
     * The message goes to {@code route}.
     *
     * @param configVersion the version of the office configuration the decision was taken with
     * @param fallbackReason why the concern's own route (or the reply's route) was not used; null if it was
     * @param archiveCopy whether E-AKTE must also get a revision-safe copy: a payment-relevant message that another
     *     channel carries
     * @param officeLive whether the office was live on the routing date (it is routed either way)
     */
    record Routed(
            RouteRef route, long configVersion, FallbackReason fallbackReason, boolean archiveCopy, boolean officeLive)
            implements RoutingDecision {

        public Routed {
            Objects.requireNonNull(route, "route is required");
        }

        static Routed of(
                CustomerMessageSubmitted message,
                RouteRef route,
                OfficeConfigurationActivated configuration,
                FallbackReason fallbackReason,
                boolean officeLive) {
            boolean archiveCopy = message.paymentRelevant() && route.channel() != Channel.EAKTE;
            return new Routed(route, configuration.version(), fallbackReason, archiveCopy, officeLive);
        }

        public Channel channel() {
            return route.channel();
        }
    }

    /**
     * The message cannot be routed: it goes to the dead-letter topic, and its status becomes FAILED.
     *
     * @param detail a technical explanation for operators; never message content
     */
    record DeadLettered(DeadLetterReason reason, String detail) implements RoutingDecision {

        public DeadLettered {
            Objects.requireNonNull(reason, "reason is required");
            Objects.requireNonNull(detail, "detail is required");
        }
    }
}
