package de.jobcenter.postfach.routing.testdata;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ServiceCenterContract;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: an office's active configuration, live since 2025 with every concern it is given. */
public final class OfficeBuilder {
    public static final String ONLINE_FLOW_URL = "https://jobcenter.digital/veraenderungsmitteilung";

    private final String officeId;
    private long version = 1;
    private LocalDate goLiveOn = LocalDate.of(2025, 1, 6);
    private boolean suspended;
    private final Map<String, ConcernConfiguration> concerns = new LinkedHashMap<>();
    private RouteRef fallbackRoute;
    private final List<String> mailboxes = new ArrayList<>();
    private ServiceCenterContract contract;

    private OfficeBuilder(String officeId) {
        this.officeId = officeId;
        this.fallbackRoute = RouteRef.eakte(officeId);
    }

    public static OfficeBuilder office(String officeId) {
        return new OfficeBuilder(officeId);
    }

    public OfficeBuilder version(long version) {
        this.version = version;
        return this;
    }

    public OfficeBuilder goLiveOn(LocalDate goLiveOn) {
        this.goLiveOn = goLiveOn;
        return this;
    }

    public OfficeBuilder suspended() {
        this.suspended = true;
        return this;
    }

    public OfficeBuilder toEakte(String concern) {
        return route(concern, RouteRef.eakte(officeId), false);
    }

    /** Routes the concern to the mailbox and lists the mailbox among the office's mailboxes. */
    public OfficeBuilder toOutlook(String concern, String mailbox) {
        mailbox(mailbox);
        return route(concern, RouteRef.outlook(officeId, mailbox), false);
    }

    public OfficeBuilder toServiceCenter(String concern, String serviceCenterId) {
        return route(concern, RouteRef.serviceCenter(officeId, serviceCenterId), false);
    }

    public OfficeBuilder route(String concern, RouteRef route, boolean paymentRelevant) {
        concerns.put(
                concern,
                new ConcernConfiguration(concern, label(concern), true, null, null, null, paymentRelevant, route));
        return this;
    }

    public OfficeBuilder notOffered(String concern) {
        concerns.put(
                concern,
                new ConcernConfiguration(
                        concern,
                        label(concern),
                        false,
                        null,
                        "Bitte wenden Sie sich an die Gemeinde.",
                        null,
                        true,
                        null));
        return this;
    }

    public OfficeBuilder onlineFlow(String concern) {
        concerns.put(
                concern,
                new ConcernConfiguration(concern, label(concern), true, null, null, ONLINE_FLOW_URL, true, null));
        return this;
    }

    /** Offered, but with neither a route nor a redirect: a gap in the configuration. */
    public OfficeBuilder offeredWithoutRoute(String concern) {
        concerns.put(concern, new ConcernConfiguration(concern, label(concern), true, null, null, null, false, null));
        return this;
    }

    public OfficeBuilder fallbackToOutlook(String mailbox) {
        mailbox(mailbox);
        this.fallbackRoute = RouteRef.outlook(officeId, mailbox);
        return this;
    }

    public OfficeBuilder mailbox(String mailbox) {
        if (!mailboxes.contains(mailbox)) {
            mailboxes.add(mailbox);
        }
        return this;
    }

    public OfficeBuilder withoutMailbox(String mailbox) {
        mailboxes.remove(mailbox);
        return this;
    }

    public OfficeBuilder contract(String serviceCenterId, LocalDate effectiveFrom) {
        this.contract = new ServiceCenterContract(serviceCenterId, effectiveFrom);
        return this;
    }

    public OfficeBuilder withoutContract() {
        this.contract = null;
        return this;
    }

    public OfficeConfigurationActivated build() {
        return new OfficeConfigurationActivated(
                officeId,
                "Jobcenter " + officeId,
                OfficeType.JOBCENTER,
                goLiveOn,
                suspended,
                version,
                Instant.parse("2026-01-05T05:00:00Z").plusSeconds(version),
                List.copyOf(concerns.values()),
                fallbackRoute,
                List.copyOf(mailboxes),
                contract);
    }

    private static String label(String concern) {
        return "Anliegen " + concern;
    }
}
