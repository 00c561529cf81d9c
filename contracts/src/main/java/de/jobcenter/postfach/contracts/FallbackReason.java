package de.jobcenter.postfach.contracts;

/** Why the routing service used an office's fallback route instead of the concern's own route. */
public enum FallbackReason {
    CONCERN_NOT_OFFERED,
    ONLINE_FLOW,
    UNKNOWN_CONCERN,
    REPLY_ROUTE_INVALID
}
