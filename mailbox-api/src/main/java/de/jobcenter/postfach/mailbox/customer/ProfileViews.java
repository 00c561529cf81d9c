package de.jobcenter.postfach.mailbox.customer;

/** What the API answers about the signed-in customer, and what it takes. */
public final class ProfileViews {
    private ProfileViews() {}

    /**
     * @param customerNumber the BA customer number from the token, if it carries one
     * @param preselectedOfficeId the job centre of a running benefit case ({@code current_office} claim), when the
     *     customer can write to it today; otherwise null
     */
    public record Profile(
            String customerId, String customerNumber, String preselectedOfficeId, Notifications notifications) {}

    /** The info e-mail opt-in and the verified address the e-mails go to. */
    public record Notifications(boolean enabled, String email) {
        static Notifications of(Customer customer) {
            return new Notifications(customer.notificationsEnabled, customer.email);
        }
    }

    /** {@code PUT /me/notifications}. Unknown fields are refused. */
    public record NotificationsRequest(Boolean enabled) {}
}
