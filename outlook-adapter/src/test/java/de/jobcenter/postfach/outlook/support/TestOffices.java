package de.jobcenter.postfach.outlook.support;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.TopicProbe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The offices of the tests, as config-service publishes them: two job centres, each with its Outlook mailbox. */
public final class TestOffices {
    public static final String NORD = "JC-HAMBURG-NORD";
    public static final String NORD_MAILBOX = "postfach-nord@jobcenter-ge.de";
    public static final String SUED = "JC-HAMBURG-SUED";
    public static final String SUED_MAILBOX = "Postfach-Sued@jobcenter-ge.de";
    /** Not live yet: its go-live date lies in the future. */
    public static final String WEST = "JC-HAMBURG-WEST";

    public static final String WEST_MAILBOX = "postfach-west@jobcenter-ge.de";

    private TestOffices() {}

    public static List<OfficeConfigurationActivated> all() {
        return List.of(
                office(NORD, "Jobcenter Hamburg Nord", NORD_MAILBOX, LocalDate.of(2025, 1, 1)),
                office(SUED, "Jobcenter Hamburg Süd", SUED_MAILBOX, LocalDate.of(2025, 1, 1)),
                office(WEST, "Jobcenter Hamburg West", WEST_MAILBOX, LocalDate.of(2099, 1, 1)));
    }

    public static void publishAll(String bootstrap) {
        all().forEach(office -> publish(bootstrap, office));
    }

    /** A new version of office SUED's configuration with another mailbox besides its first. */
    public static OfficeConfigurationActivated suedWithAnotherMailbox(long version, String mailbox) {
        return office(SUED, "Jobcenter Hamburg Süd", LocalDate.of(2025, 1, 1), version, List.of(SUED_MAILBOX, mailbox));
    }

    public static void publish(String bootstrap, OfficeConfigurationActivated office) {
        TopicProbe.send(
                bootstrap,
                Topics.OFFICE_CONFIG,
                office.officeId(),
                EventJson.write(office),
                CloudEventHeaders.forEvent(office, "config-service", Instant.now()));
    }

    private static OfficeConfigurationActivated office(String id, String name, String mailbox, LocalDate goLiveOn) {
        return office(id, name, goLiveOn, 1L, List.of(mailbox));
    }

    private static OfficeConfigurationActivated office(
            String id, String name, LocalDate goLiveOn, long version, List<String> mailboxes) {
        RouteRef outlook = RouteRef.outlook(id, mailboxes.get(0));
        return new OfficeConfigurationActivated(
                id,
                name,
                OfficeType.JOBCENTER,
                goLiveOn,
                false,
                version,
                Instant.parse("2025-01-01T00:00:00Z"),
                List.of(
                        new ConcernConfiguration(
                                "APPOINTMENT_REQUEST", "Terminwunsch", true, null, null, null, false, outlook),
                        new ConcernConfiguration(
                                "CHANGE_OF_CIRCUMSTANCES",
                                "Veränderungsmitteilung",
                                true,
                                null,
                                null,
                                null,
                                true,
                                outlook)),
                outlook,
                mailboxes,
                null);
    }
}
