package de.jobcenter.postfach.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Events built in Java with only their required fields, as a producer might publish them. */
final class TestEvents {

    static final String OFFICE = "jc-hamburg-mitte";
    static final String CUSTOMER = "5d0e9c1a-7b42-4f6e-8a3d-2c9b1e0f4a77";
    static final UUID MESSAGE = UUID.fromString("0b7e2f44-91c3-4d5a-a6e8-3f1d2c4b5a69");
    static final UUID CONVERSATION = UUID.fromString("6c1d8e2f-3a4b-4c5d-9e6f-7a8b9c0d1e2f");
    static final Instant AT = Instant.parse("2025-04-02T07:30:00Z");

    private TestEvents() {}

    static PostfachEvent minimal(EventType type) {
        return switch (type) {
            case CUSTOMER_MESSAGE_SUBMITTED -> customerMessage();
            case MESSAGE_ROUTED -> MessageRouted.of(customerMessage(), RouteRef.eakte(OFFICE), 1, null, AT);
            case ARCHIVE_REQUESTED ->
                new ArchiveRequested(
                        MESSAGE,
                        Direction.INBOUND,
                        OFFICE,
                        CUSTOMER,
                        null,
                        "FURTHER_BENEFITS",
                        "Antrag auf Erstausstattung",
                        "Ich beantrage die Erstausstattung für meine neue Wohnung.",
                        Channel.SERVICE_CENTER,
                        AT);
            case STAFF_MESSAGE_SENT ->
                new StaffMessageSent(
                        Uuids.staffMessageId(Channel.EAKTE, "EA-2025-0100001"),
                        null,
                        null,
                        null,
                        "123D456789",
                        OFFICE,
                        "OTHER",
                        "Einladung zum Gespräch",
                        "Bitte melden Sie sich am 14. April 2025 um 10 Uhr in Raum 2.17.",
                        false,
                        RouteRef.eakte(OFFICE),
                        AT);
            case DELIVERY_STATUS_CHANGED ->
                new DeliveryStatusChanged(MESSAGE, DeliveryStatus.ROUTED, null, null, null, null, AT);
            case STAFF_MESSAGE_REJECTED ->
                new StaffMessageRejected(
                        MESSAGE,
                        OFFICE,
                        RouteRef.outlook(OFFICE, "leistung.hamburg-mitte@jobcenter-ge.de"),
                        RejectionReason.CONVERSATION_MISMATCH,
                        AT);
            case MAILBOX_MESSAGE_ARRIVED ->
                new MailboxMessageArrived(CUSTOMER, MESSAGE, OFFICE, OfficeType.EMPLOYMENT_AGENCY, AT);
            case NOTIFICATION_PREFERENCE_CHANGED -> new NotificationPreferenceChanged(CUSTOMER, false, null, AT);
            case OFFICE_CONFIGURATION_ACTIVATED -> officeConfiguration(LocalDate.of(2025, 4, 7), false);
        };
    }

    static CustomerMessageSubmitted customerMessage() {
        return new CustomerMessageSubmitted(
                MESSAGE,
                CONVERSATION,
                null,
                CUSTOMER,
                null,
                OFFICE,
                "PROCESSING_STATUS",
                "Stand meines Antrags",
                "Wann wird mein Antrag vom 3. März bearbeitet?",
                false,
                null,
                AT);
    }

    static OfficeConfigurationActivated officeConfiguration(LocalDate goLiveOn, boolean suspended) {
        return new OfficeConfigurationActivated(
                OFFICE,
                "Jobcenter Hamburg Mitte",
                OfficeType.JOBCENTER,
                goLiveOn,
                suspended,
                1,
                AT,
                List.of(
                        new OfficeConfigurationActivated.ConcernConfiguration(
                                "PROCESSING_STATUS",
                                "Anfragen zum Bearbeitungsstand",
                                true,
                                null,
                                null,
                                null,
                                false,
                                RouteRef.eakte(OFFICE)),
                        new OfficeConfigurationActivated.ConcernConfiguration(
                                "OTHER", "Sonstiges", true, null, null, null, false, RouteRef.eakte(OFFICE))),
                RouteRef.eakte(OFFICE),
                null,
                null);
    }
}
