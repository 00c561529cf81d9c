package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.RouteRef;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message in a customer's mailbox, in either direction. */
@Entity
@Table(name = "mailbox_message")
public class MailboxMessage {
    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Direction direction;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(nullable = false)
    public String concern;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Column(name = "in_reply_to")
    public UUID inReplyTo;

    @Column(name = "payment_relevant", nullable = false)
    public boolean paymentRelevant;

    @Enumerated(EnumType.STRING)
    @Column(name = "route_channel")
    public Channel routeChannel;

    @Column(name = "route_office_id")
    public String routeOfficeId;

    @Column(name = "route_outlook_mailbox")
    public String routeOutlookMailbox;

    @Column(name = "route_service_center_id")
    public String routeServiceCenterId;

    @Enumerated(EnumType.STRING)
    public SentStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** When E-AKTE confirmed the revision-safe copy of a payment-relevant message. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    public RouteRef route() {
        return routeChannel == null
                ? null
                : new RouteRef(routeChannel, routeOfficeId, routeOutlookMailbox, routeServiceCenterId);
    }

    public void route(RouteRef route) {
        routeChannel = route == null ? null : route.channel();
        routeOfficeId = route == null ? null : route.officeId();
        routeOutlookMailbox = route == null ? null : route.outlookMailbox();
        routeServiceCenterId = route == null ? null : route.serviceCenterId();
    }

    public boolean isRead() {
        return direction == Direction.SENT || readAt != null;
    }
}
