package de.jobcenter.postfach.routing.testdata;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.LocalDate;
import java.util.List;

/** The offices the service tests route for, published before the service starts. */
public final class TestOffices {
    public static final String BERLIN_MITTE = "JC-BERLIN-MITTE";
    public static final String BENEFITS_MAILBOX = "leistungsabteilung.berlin-mitte@jobcenter-ge.de";
    public static final String INTAKE_MAILBOX = "eingangszone.berlin-mitte@jobcenter-ge.de";
    public static final String SERVICE_CENTER = "SC-BERLIN";

    private TestOffices() {}

    /** A concern per channel, an online flow and a concern not offered; payment-relevant rent questions by mail. */
    public static OfficeConfigurationActivated berlinMitte() {
        return OfficeBuilder.office(BERLIN_MITTE)
                .version(3)
                .toEakte("PROCESSING_STATUS")
                .route("RENT_AND_HEATING", RouteRef.outlook(BERLIN_MITTE, BENEFITS_MAILBOX), true)
                .mailbox(BENEFITS_MAILBOX)
                .toOutlook("COPY_REQUEST", INTAKE_MAILBOX)
                .toServiceCenter("APPOINTMENT_REQUEST", SERVICE_CENTER)
                .onlineFlow("CHANGE_NOTIFICATION")
                .notOffered("EDUCATION_AND_PARTICIPATION")
                .toEakte("OTHER")
                .contract(SERVICE_CENTER, LocalDate.of(2024, 11, 18))
                .build();
    }

    public static List<OfficeConfigurationActivated> all() {
        return List.of(berlinMitte());
    }
}
