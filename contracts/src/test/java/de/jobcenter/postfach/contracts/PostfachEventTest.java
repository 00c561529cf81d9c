package de.jobcenter.postfach.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PostfachEventTest {

    private static final UUID MESSAGE = UUID.fromString("e051a7f0-0eeb-4155-bb1a-cf34020919c5");
    private static final UUID CONVERSATION = UUID.fromString("3926958e-c74d-42d0-aa1d-0963813b279d");
    private static final String CUSTOMER = "a6f08312-2ae9-4f7e-9831-a536097ae4a5";

    @Test
    void everyKindOfEventHasExactlyOneEventType() {
        List<Class<?>> payloadClasses = Arrays.stream(EventType.values())
                .<Class<?>>map(EventType::payloadClass)
                .toList();

        assertThat(payloadClasses)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(PostfachEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theCloudEventsTypeFindsItsEventType(EventType type) {
        assertThat(type.type()).startsWith("de.jobcenter.postfach.").endsWith(".v1");
        assertThat(EventType.forType(type.type())).contains(type);
        assertThat(type.schemaResource()).startsWith("contracts/schemas/").endsWith(".v1.schema.json");
        assertThat(type.sampleResource()).startsWith("contracts/samples/").endsWith(".v1.json");
    }

    @Test
    void anUnknownOrNewerTypeFindsNothing() {
        assertThat(EventType.forType("de.jobcenter.postfach.MessageRouted.v2")).isEmpty();
        assertThat(EventType.forType(null)).isEmpty();
    }

    @Test
    void customerMessagesAreKeyedByConversationAndDeduplicatedByMessage() {
        CustomerMessageSubmitted submitted = sample(EventType.CUSTOMER_MESSAGE_SUBMITTED);
        MessageRouted routed = sample(EventType.MESSAGE_ROUTED);

        assertThat(submitted.partitionKey()).isEqualTo(CONVERSATION.toString());
        assertThat(submitted.businessKey()).isEqualTo(MESSAGE.toString());
        assertThat(submitted.cloudEventSubject()).isEqualTo(MESSAGE.toString());
        assertThat(routed.partitionKey()).isEqualTo(CONVERSATION.toString());
        assertThat(routed.businessKey()).isEqualTo(MESSAGE.toString());
        assertThat(routed.cloudEventSubject()).isEqualTo(MESSAGE.toString());
    }

    @Test
    void aStaffMessageIsKeyedByItsConversationOrByItselfWhenItStartsOne() {
        StaffMessageSent answer = sample(EventType.STAFF_MESSAGE_SENT);
        StaffMessageSent started = (StaffMessageSent) TestEvents.minimal(EventType.STAFF_MESSAGE_SENT);

        assertThat(answer.partitionKey()).isEqualTo(CONVERSATION.toString());
        assertThat(started.partitionKey()).isEqualTo(started.messageId().toString());
        assertThat(answer.businessKey()).isEqualTo(answer.messageId().toString());
        assertThat(answer.cloudEventSubject()).isEqualTo(answer.messageId().toString());
    }

    @Test
    void archiveRequestsAreDeduplicatedByMessageAndDirection() {
        ArchiveRequested archive = sample(EventType.ARCHIVE_REQUESTED);

        assertThat(archive.businessKey()).isEqualTo(archive.messageId() + ":OUTBOUND");
        assertThat(archive.partitionKey()).isEqualTo(archive.messageId().toString());
        assertThat(archive.cloudEventSubject()).isEqualTo(archive.messageId().toString());
    }

    @Test
    void statusEventsAreDeduplicatedByMessageAndStatus() {
        DeliveryStatusChanged status = sample(EventType.DELIVERY_STATUS_CHANGED);

        assertThat(status.businessKey()).isEqualTo(status.messageId() + ":ARCHIVED");
        assertThat(status.partitionKey()).isEqualTo(status.messageId().toString());
        assertThat(status.cloudEventSubject()).isEqualTo(status.messageId().toString());
    }

    @Test
    void rejectionsAreKeyedByTheRejectedMessage() {
        StaffMessageRejected rejected = sample(EventType.STAFF_MESSAGE_REJECTED);

        assertThat(rejected.businessKey()).isEqualTo(rejected.messageId().toString());
        assertThat(rejected.partitionKey()).isEqualTo(rejected.messageId().toString());
        assertThat(rejected.cloudEventSubject()).isEqualTo(rejected.messageId().toString());
    }

    @Test
    void mailboxEventsAreKeyedByCustomerAndDeduplicatedByMessage() {
        MailboxMessageArrived arrived = sample(EventType.MAILBOX_MESSAGE_ARRIVED);

        assertThat(arrived.partitionKey()).isEqualTo(CUSTOMER);
        assertThat(arrived.businessKey()).isEqualTo(arrived.messageId().toString());
        assertThat(arrived.cloudEventSubject()).isEqualTo(arrived.messageId().toString());
    }

    @Test
    void notificationPreferencesAreKeyedByCustomerAndDeduplicatedByTheirTime() {
        NotificationPreferenceChanged preference = sample(EventType.NOTIFICATION_PREFERENCE_CHANGED);

        assertThat(preference.partitionKey()).isEqualTo(CUSTOMER);
        assertThat(preference.businessKey()).isEqualTo(CUSTOMER + ":2025-02-14T17:30:05Z");
        assertThat(preference.cloudEventSubject()).isEqualTo(CUSTOMER);
    }

    @Test
    void officeConfigurationsAreKeyedByOfficeAndDeduplicatedByVersion() {
        OfficeConfigurationActivated configuration = sample(EventType.OFFICE_CONFIGURATION_ACTIVATED);

        assertThat(configuration.partitionKey()).isEqualTo("jc-berlin-mitte");
        assertThat(configuration.businessKey()).isEqualTo("jc-berlin-mitte:8");
        assertThat(configuration.cloudEventSubject()).isEqualTo("jc-berlin-mitte");
    }

    @Test
    void aRoutedMessageCarriesEverythingTheCustomerSubmitted() {
        CustomerMessageSubmitted submitted = sample(EventType.CUSTOMER_MESSAGE_SUBMITTED);
        Instant routedAt = Instant.parse("2025-03-10T08:15:31.204Z");

        MessageRouted routed = MessageRouted.of(
                submitted, RouteRef.eakte("jc-berlin-mitte"), 8, FallbackReason.REPLY_ROUTE_INVALID, routedAt);

        assertThat(routed).isEqualTo(sample(EventType.MESSAGE_ROUTED));
    }

    @Test
    void anEventWithoutARequiredFieldCannotBeBuilt() {
        assertThatThrownBy(() -> new MailboxMessageArrived(
                        CUSTOMER, null, "jc-berlin-mitte", OfficeType.JOBCENTER, Instant.now()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("messageId is required");
    }

    @Test
    void routesCarryWhatTheirChannelNeeds() {
        assertThat(RouteRef.eakte("jc-berlin-mitte"))
                .isEqualTo(new RouteRef(Channel.EAKTE, "jc-berlin-mitte", null, null));
        assertThat(RouteRef.outlook("jc-berlin-mitte", "eingangszone.berlin-mitte@jobcenter-ge.de")
                        .outlookMailbox())
                .isEqualTo("eingangszone.berlin-mitte@jobcenter-ge.de");
        assertThat(RouteRef.serviceCenter("jc-berlin-mitte", "SC-BERLIN").serviceCenterId())
                .isEqualTo("SC-BERLIN");
        assertThatThrownBy(() -> RouteRef.outlook("jc-berlin-mitte", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteRef.serviceCenter("jc-berlin-mitte", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    private static <T extends PostfachEvent> T sample(EventType type) {
        return (T) EventJson.read(Resources.bytes(type.sampleResource()), type);
    }
}
