package de.jobcenter.postfach.mailbox.support;

import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The offices of the tests, published once per run to {@code postfach.office-config} as config-service would: live
 * ones of both types, one not live yet, one suspended; the catalogue with offered concerns, a concern not offered
 * with a hint text, one without, online-flow concerns with redirects and payment-relevant ones.
 */
public final class TestOffices {
    public static final String BERLIN_MITTE = "JC-BERLIN-MITTE";
    public static final String AGENCY_BERLIN_NORD = "AA-BERLIN-NORD";
    public static final String MUENCHEN_NOT_LIVE_YET = "JC-MUENCHEN";
    public static final String KOELN_SUSPENDED = "JC-KOELN";
    /** Only in config-service's snapshot, never on the topic. */
    public static final String SNAPSHOT_ONLY = "JC-SNAPSHOT-ONLY";

    public static final String OUTLOOK_MAILBOX = "postfach.berlin-mitte@jobcenter-ge.de";
    public static final String APPOINTMENT_HINT = "Termine vereinbaren Sie bitte telefonisch unter 030 555 0100.";
    public static final String PROCESSING_INFO = "Bitte halten Sie Ihr Aktenzeichen bereit.";
    public static final String CHANGE_REDIRECT = "https://www.jobcenter.digital/veraenderungsmitteilung";
    public static final String CONTINUATION_REDIRECT = "https://www.jobcenter.digital/weiterbewilligungsantrag";

    /** The catalogue codes in catalogue order. */
    public static final List<String> CATALOGUE = List.of(
            "CHANGE_NOTIFICATION",
            "CONTINUATION_APPLICATION",
            "PROCESSING_STATUS",
            "DEADLINE_EXTENSION",
            "APPOINTMENT_REQUEST",
            "COPY_REQUEST",
            "RENT_AND_HEATING",
            "EDUCATION_AND_PARTICIPATION",
            "FURTHER_BENEFITS",
            "OTHER");

    private static boolean published;

    private TestOffices() {}

    public static List<OfficeConfigurationActivated> published() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        return List.of(
                office(BERLIN_MITTE, "Jobcenter Berlin Mitte", OfficeType.JOBCENTER, LocalDate.of(2024, 1, 1), false),
                office(
                        AGENCY_BERLIN_NORD,
                        "Agentur für Arbeit Berlin Nord",
                        OfficeType.EMPLOYMENT_AGENCY,
                        LocalDate.of(2024, 6, 1),
                        false),
                office(MUENCHEN_NOT_LIVE_YET, "Jobcenter München", OfficeType.JOBCENTER, today.plusDays(60), false),
                office(KOELN_SUSPENDED, "Jobcenter Köln", OfficeType.JOBCENTER, LocalDate.of(2024, 1, 1), true));
    }

    public static List<OfficeConfigurationActivated> snapshot() {
        return List.of(office(
                SNAPSHOT_ONLY, "Jobcenter Schnappschussstadt", OfficeType.JOBCENTER, LocalDate.of(2024, 1, 1), false));
    }

    /** Publishes the offices once per run and waits until this instance's replica holds them. */
    public static synchronized void ensurePublished(String bootstrapServers, OfficeConfigReplica replica) {
        if (!published) {
            for (OfficeConfigurationActivated office : published()) {
                TopicProbe.send(
                        bootstrapServers,
                        Topics.OFFICE_CONFIG,
                        office.officeId(),
                        EventJson.write(office),
                        CloudEventHeaders.forEvent(office, "config-service", Instant.now()));
            }
            published = true;
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> published().stream()
                        .allMatch(office -> replica.find(office.officeId()).isPresent()));
    }

    private static OfficeConfigurationActivated office(
            String officeId, String name, OfficeType type, LocalDate goLiveOn, boolean suspended) {
        RouteRef eakte = RouteRef.eakte(officeId);
        List<ConcernConfiguration> concerns = new ArrayList<>();
        concerns.add(new ConcernConfiguration(
                "CHANGE_NOTIFICATION", "Veränderung mitteilen", false, null, null, CHANGE_REDIRECT, true, null));
        concerns.add(new ConcernConfiguration(
                "CONTINUATION_APPLICATION",
                "Weiterbewilligungsantrag stellen",
                false,
                "Den Antrag stellen Sie online.",
                null,
                CONTINUATION_REDIRECT,
                true,
                null));
        concerns.add(new ConcernConfiguration(
                "PROCESSING_STATUS",
                "Anfragen zum Bearbeitungsstand",
                true,
                PROCESSING_INFO,
                null,
                null,
                false,
                eakte));
        concerns.add(new ConcernConfiguration(
                "DEADLINE_EXTENSION", "Fristverlängerung", true, null, null, null, false, eakte));
        concerns.add(new ConcernConfiguration(
                "APPOINTMENT_REQUEST", "Terminanfrage", false, null, APPOINTMENT_HINT, null, false, null));
        concerns.add(new ConcernConfiguration(
                "COPY_REQUEST",
                "Anforderung von Kopien (z. B. Bescheide)",
                true,
                null,
                null,
                null,
                false,
                RouteRef.outlook(officeId, OUTLOOK_MAILBOX)));
        concerns.add(new ConcernConfiguration(
                "RENT_AND_HEATING", "Fragen zu Miete und Heizkosten", true, null, null, null, true, eakte));
        concerns.add(new ConcernConfiguration(
                "EDUCATION_AND_PARTICIPATION",
                "Informationen und Fragen zu Leistungen für Bildung und Teilhabe (z. B. Klassenfahrten)",
                true,
                null,
                null,
                null,
                true,
                eakte));
        concerns.add(new ConcernConfiguration(
                "FURTHER_BENEFITS",
                "Beantragung von weiteren Leistungen (z. B. Erstausstattung für Wohnung)",
                false,
                null,
                null,
                null,
                true,
                null));
        concerns.add(new ConcernConfiguration("OTHER", "Sonstiges", true, null, null, null, false, eakte));
        return new OfficeConfigurationActivated(
                officeId,
                name,
                type,
                goLiveOn,
                suspended,
                1,
                Instant.parse("2026-01-05T03:00:00Z"),
                concerns,
                eakte,
                List.of(OUTLOOK_MAILBOX),
                null);
    }
}
