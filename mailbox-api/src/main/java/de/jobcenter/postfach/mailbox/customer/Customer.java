package de.jobcenter.postfach.mailbox.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer who signed in at least once: identity, customer number, and the info e-mail opt-in. */
@Entity
@Table(name = "customer")
public class Customer {
    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "customer_number")
    public String customerNumber;

    /** The last verified address the token carried. */
    @Column(name = "email")
    public String email;

    @Column(name = "notifications_enabled", nullable = false)
    public boolean notificationsEnabled;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
