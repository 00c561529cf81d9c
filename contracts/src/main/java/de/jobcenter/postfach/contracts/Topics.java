package de.jobcenter.postfach.contracts;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kafka topic names, in one place so that producers, consumers and the topic set-up agree. Code
 * names channels; services bind their channels to these names in configuration.
 */
public final class Topics {

    public static final String CUSTOMER_MESSAGES = "postfach.customer-messages";
    public static final String ROUTED_EAKTE = "postfach.routed.eakte";
    public static final String ROUTED_OUTLOOK = "postfach.routed.outlook";
    public static final String ROUTED_SERVICECENTER = "postfach.routed.servicecenter";
    public static final String ARCHIVE_REQUESTS = "postfach.archive-requests";
    public static final String STAFF_MESSAGES = "postfach.staff-messages";
    public static final String DELIVERY_STATUS = "postfach.delivery-status";
    public static final String MAILBOX_EVENTS = "postfach.mailbox-events";
    public static final String NOTIFICATION_PREFERENCES = "postfach.notification-preferences";
    public static final String OFFICE_CONFIG = "postfach.office-config";
    public static final String STAFF_MESSAGES_REJECTED = "postfach.staff-messages.rejected";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private static final List<String> ALL = List.of(
            CUSTOMER_MESSAGES,
            ROUTED_EAKTE,
            ROUTED_OUTLOOK,
            ROUTED_SERVICECENTER,
            ARCHIVE_REQUESTS,
            STAFF_MESSAGES,
            DELIVERY_STATUS,
            MAILBOX_EVENTS,
            NOTIFICATION_PREFERENCES,
            OFFICE_CONFIG,
            STAFF_MESSAGES_REJECTED);

    private static final List<String> ALL_WITH_DEAD_LETTER_TOPICS =
            Stream.concat(ALL.stream(), ALL.stream().map(Topics::dlq)).toList();

    private static final Set<String> COMPACTED = Set.of(OFFICE_CONFIG, NOTIFICATION_PREFERENCES);

    private Topics() {}

    /** The topic the routing service publishes to for messages routed to that channel. */
    public static String routed(Channel channel) {
        return switch (channel) {
            case EAKTE -> ROUTED_EAKTE;
            case OUTLOOK -> ROUTED_OUTLOOK;
            case SERVICE_CENTER -> ROUTED_SERVICECENTER;
        };
    }

    /** The dead-letter topic of a topic: where its consumers put records they cannot process. */
    public static String dlq(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Every topic, in the order of the topic table. */
    public static List<String> all() {
        return ALL;
    }

    /** Every topic followed by every topic's dead-letter topic: the set to create before start-up. */
    public static List<String> allWithDeadLetterTopics() {
        return ALL_WITH_DEAD_LETTER_TOPICS;
    }

    /** The topics with {@code cleanup.policy=compact}: the latest record per key is the state. */
    public static Set<String> compacted() {
        return COMPACTED;
    }
}
