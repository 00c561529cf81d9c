package de.jobcenter.postfach.contracts;

/** The three places where office staff work messages; each has its own adapter and routed topic. */
public enum Channel {
    EAKTE,
    OUTLOOK,
    SERVICE_CENTER
}
