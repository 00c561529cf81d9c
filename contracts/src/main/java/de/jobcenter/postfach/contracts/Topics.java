package de.jobcenter.postfach.contracts;

public final class Topics {
    public static final String CUSTOMER_MESSAGES = "postfach.customer-messages";

    private Topics() {}
}
