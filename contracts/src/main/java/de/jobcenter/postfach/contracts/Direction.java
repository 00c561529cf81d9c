package de.jobcenter.postfach.contracts;

/** Which way an archived message travelled: customer to office, or office to customer. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
