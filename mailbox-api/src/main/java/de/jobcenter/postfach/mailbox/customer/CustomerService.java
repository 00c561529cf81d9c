package de.jobcenter.postfach.mailbox.customer;

import de.jobcenter.postfach.contracts.NotificationPreferenceChanged;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import de.jobcenter.postfach.mailbox.outbox.Outbox;
import de.jobcenter.postfach.mailbox.staff.StaffMessageService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** The customer's record: who signed in with which customer number and e-mail, and the info e-mail opt-in. */
@ApplicationScoped
public class CustomerService {
    /** {@code last_seen_at} serves retention, which counts in days: one write a day per customer is enough. */
    private static final Duration LAST_SEEN_PRECISION = Duration.ofDays(1);

    @Inject
    CustomerRepository customers;

    @Inject
    StaffMessageService staffMessages;

    @Inject
    Outbox outbox;

    @Inject
    SignInCache signIns;

    @Inject
    MailboxConfig config;

    @Inject
    Clock clock;

    /**
     * Records one authenticated call, in a transaction of its own. Nothing to do when this instance recorded the
     * same claims within the last-seen precision ({@link SignInCache}, ADR 10); else usually a single read that finds
     * nothing to change; otherwise the row is locked and updated: a new customer number files the staff messages
     * held for it, a changed verified e-mail address is republished to notification-service when the customer
     * opted in.
     */
    public void signIn(String customerId, Optional<String> customerNumber, Optional<String> verifiedEmail) {
        Instant now = now();
        if (signIns.upToDate(customerId, customerNumber, verifiedEmail, seenSince(now))) {
            return;
        }
        long generation = signIns.generation();
        SignInCache.Seen recorded;
        try {
            recorded = QuarkusTransaction.requiringNew()
                    .call(() -> record(customerId, customerNumber, verifiedEmail, now));
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        signIns.remember(generation, customerId, recorded);
    }

    /** The sign-in's transaction; returns the row as it leaves it. */
    private SignInCache.Seen record(
            String customerId, Optional<String> customerNumber, Optional<String> verifiedEmail, Instant now) {
        Customer customer = customers.findById(customerId);
        if (customer != null && upToDate(customer, customerNumber, verifiedEmail, now)) {
            return seen(customer);
        }
        if (customer == null) {
            customers.insertIfAbsent(customerId, now);
            customer = customers.getEntityManager().find(Customer.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        } else {
            customers.getEntityManager().refresh(customer, LockModeType.PESSIMISTIC_WRITE);
        }
        if (customer.lastSeenAt.isBefore(now.minus(LAST_SEEN_PRECISION))) {
            customer.lastSeenAt = now;
        }
        if (customerNumber.isPresent() && !customerNumber.get().equals(customer.customerNumber)) {
            customers.releaseCustomerNumber(customerNumber.get(), customerId);
            signIns.forgetNumberAfterCompletion(customerNumber.get(), customerId);
            customer.customerNumber = customerNumber.get();
            customers.flush();
            staffMessages.fileHeldFor(customerNumber.get(), customerId);
        }
        if (verifiedEmail.isPresent() && !verifiedEmail.get().equals(customer.email)) {
            customer.email = verifiedEmail.get();
            if (customer.notificationsEnabled) {
                publish(customer, now);
            }
        }
        return seen(customer);
    }

    private static SignInCache.Seen seen(Customer customer) {
        return new SignInCache.Seen(customer.customerNumber, customer.email, customer.lastSeenAt);
    }

    /**
     * A sign-in is up to date when the row was seen since this instant: within the last-seen precision, and never
     * longer ago than housekeeping forgets inactive customers (so no instance can have purged a row remembered as
     * up to date).
     */
    private Instant seenSince(Instant now) {
        Duration window = LAST_SEEN_PRECISION.compareTo(config.retention().inactiveCustomers()) <= 0
                ? LAST_SEEN_PRECISION
                : config.retention().inactiveCustomers();
        return now.minus(window);
    }

    public Customer get(String customerId) {
        Customer customer = customers.findById(customerId);
        if (customer == null) {
            throw ProblemException.notFound();
        }
        return customer;
    }

    /** Opts in or out of info e-mails; opting in needs a verified address in the token. */
    @Transactional
    public Customer setNotifications(String customerId, boolean enabled, Optional<String> verifiedEmail) {
        if (enabled && verifiedEmail.isEmpty()) {
            throw new ProblemException(
                    CustomerProblems.NO_VERIFIED_EMAIL,
                    "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse im Portal-Profil.");
        }
        Instant now = now();
        customers.insertIfAbsent(customerId, now);
        Customer customer =
                customers.getEntityManager().find(Customer.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        customer.notificationsEnabled = enabled;
        verifiedEmail.ifPresent(email -> customer.email = email);
        publish(customer, now);
        signIns.forgetAfterCompletion(customerId);
        return customer;
    }

    private void publish(Customer customer, Instant now) {
        outbox.add(
                Topics.NOTIFICATION_PREFERENCES,
                new NotificationPreferenceChanged(
                        customer.customerId, customer.notificationsEnabled, customer.email, now));
    }

    private static boolean upToDate(
            Customer customer, Optional<String> customerNumber, Optional<String> verifiedEmail, Instant now) {
        return customerNumber.map(n -> n.equals(customer.customerNumber)).orElse(true)
                && verifiedEmail.map(e -> Objects.equals(e, customer.email)).orElse(true)
                && !customer.lastSeenAt.isBefore(now.minus(LAST_SEEN_PRECISION));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
