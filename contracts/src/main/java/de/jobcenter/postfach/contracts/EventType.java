package de.jobcenter.postfach.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of event types: the CloudEvents {@code type} of each payload, its Java record, and
 * where its JSON schema and sample live on the classpath. A consumer decodes by looking up the
 * {@code ce_type} header here.
 */
public enum EventType {
    CUSTOMER_MESSAGE_SUBMITTED("CustomerMessageSubmitted", CustomerMessageSubmitted.class),
    MESSAGE_ROUTED("MessageRouted", MessageRouted.class),
    ARCHIVE_REQUESTED("ArchiveRequested", ArchiveRequested.class),
    STAFF_MESSAGE_SENT("StaffMessageSent", StaffMessageSent.class),
    DELIVERY_STATUS_CHANGED("DeliveryStatusChanged", DeliveryStatusChanged.class),
    STAFF_MESSAGE_REJECTED("StaffMessageRejected", StaffMessageRejected.class),
    MAILBOX_MESSAGE_ARRIVED("MailboxMessageArrived", MailboxMessageArrived.class),
    NOTIFICATION_PREFERENCE_CHANGED("NotificationPreferenceChanged", NotificationPreferenceChanged.class),
    OFFICE_CONFIGURATION_ACTIVATED("OfficeConfigurationActivated", OfficeConfigurationActivated.class);

    private static final String TYPE_PREFIX = "de.jobcenter.postfach.";
    private static final String VERSION = ".v1";

    private final String eventName;
    private final Class<? extends PostfachEvent> payloadClass;

    EventType(String eventName, Class<? extends PostfachEvent> payloadClass) {
        this.eventName = eventName;
        this.payloadClass = payloadClass;
    }

    /** The CloudEvents type, e.g. {@code de.jobcenter.postfach.MessageRouted.v1}. */
    public String type() {
        return TYPE_PREFIX + eventName + VERSION;
    }

    public Class<? extends PostfachEvent> payloadClass() {
        return payloadClass;
    }

    /** The schema's path for {@link ClassLoader#getResource(String)} (no leading slash). */
    public String schemaResource() {
        return "contracts/schemas/" + eventName + VERSION + ".schema.json";
    }

    /** The sample's path for {@link ClassLoader#getResource(String)} (no leading slash). */
    public String sampleResource() {
        return "contracts/samples/" + eventName + VERSION + ".json";
    }

    /** The event type for a {@code ce_type} header value; empty for a type this build does not know. */
    public static Optional<EventType> forType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.type().equals(ceType)).findFirst();
    }
}
