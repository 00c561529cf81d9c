package de.jobcenter.postfach.routing.decision;

import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.contracts.RouteRef;

/** Where one message goes, by which configuration version, and why a fallback was used, if it was. */
public record RoutingDecision(RouteRef route, long configVersion, FallbackReason fallbackReason) {}
