package de.jobcenter.postfach.config.catalogue;

/** How a concern reaches the office. */
public enum ConcernKind {
    /** Written as a message and routed to a channel. */
    MESSAGE,
    /** Handled by an online flow: the customer is redirected instead of writing. */
    ONLINE_FLOW
}
