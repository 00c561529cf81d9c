package de.jobcenter.postfach.notification.preference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer's choice about info e-mails, as mailbox-api last published it. */
@Entity
@Table(name = "notification_preference")
public class NotificationPreference {
    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public boolean enabled;

    public String email;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public boolean wantsMail() {
        return enabled && email != null && !email.isBlank();
    }
}
