package de.jobcenter.postfach.config.seed;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import de.jobcenter.postfach.config.office.OfficeMasterData;
import de.jobcenter.postfach.config.office.OfficeRepository;
import de.jobcenter.postfach.config.office.OfficeService;
import de.jobcenter.postfach.config.office.ResponsiblePerson;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.config.publication.PublicationService;
import de.jobcenter.postfach.config.rollout.RolloutCalendar;
import de.jobcenter.postfach.config.rules.ConcernSetting;
import de.jobcenter.postfach.config.rules.FallbackRoute;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.kit.problem.FieldError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Demo offices of both types for the local stack ({@code postfach.config.demo-seed=true}; off by default). Idempotent:
 * an office that exists is left alone. Each starts active and is published.
 */
@ApplicationScoped
public class DemoSeed {
    private static final Logger LOG = Logger.getLogger(DemoSeed.class);
    private static final Actor SEED = new Actor("demo-seed", "Demo-Daten");

    @Inject
    ConfigServiceConfig config;

    @Inject
    OfficeService officeService;

    @Inject
    OfficeRepository offices;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    RolloutCalendar calendar;

    @Inject
    PublicationService publication;

    private record DemoOffice(
            String officeId, OfficeMasterData master, Function<OfficeConfiguration, OfficeConfiguration> configure) {}

    void onStart(@Observes StartupEvent event) {
        if (config.demoSeed()) {
            seed();
        }
    }

    /** Creates the demo offices that do not exist yet and publishes them; returns how many it created. */
    public int seed() {
        int created = 0;
        for (DemoOffice demo : demoOffices()) {
            created += QuarkusTransaction.requiringNew().call(() -> seed(demo)) ? 1 : 0;
        }
        PublicationService.Result published = publication.publishPending();
        LOG.infof("Demo seed: %d offices created, %d published", created, published.published());
        return created;
    }

    private boolean seed(DemoOffice demo) {
        if (offices.findByIdOptional(demo.officeId()).isPresent()) {
            return false;
        }
        Catalogue cat = catalogue.catalogue();
        OfficeConfiguration configuration = demo.configure().apply(OfficeConfiguration.initial(cat));
        List<FieldError> errors =
                configuration.validate(officeService.ruleContext(demo.master().contract(), cat, calendar.today()));
        if (!errors.isEmpty()) {
            LOG.errorf("Demo office %s not created: %d rules failed", demo.officeId(), errors.size());
            return false;
        }
        officeService.createOffice(SEED, demo.officeId(), demo.master(), configuration, cat);
        return true;
    }

    private static List<DemoOffice> demoOffices() {
        LocalDate goLive = LocalDate.of(2025, 1, 6);
        return List.of(
                new DemoOffice(
                        "JC-BERLIN-MITTE",
                        new OfficeMasterData(
                                "Jobcenter Berlin Mitte",
                                OfficeType.JOBCENTER,
                                goLive,
                                false,
                                null,
                                new ResponsiblePerson(
                                        "Team Digitale Zugänge",
                                        "digitale-zugaenge.berlin-mitte@jobcenter-ge.de",
                                        "030 5555 1234")),
                        c -> c.with(
                                "PROCESSING_STATUS",
                                new ConcernSetting(
                                        true,
                                        "Die Bearbeitung eines Antrags dauert derzeit durchschnittlich drei Wochen.",
                                        null,
                                        Channel.EAKTE,
                                        null,
                                        null))),
                new DemoOffice(
                        "JC-HAMBURG-NORD",
                        new OfficeMasterData("Jobcenter Hamburg Nord", OfficeType.JOBCENTER, goLive, false, null, null),
                        c -> c.with(
                                        "RENT_AND_HEATING",
                                        new ConcernSetting(
                                                true,
                                                null,
                                                null,
                                                Channel.OUTLOOK,
                                                "kdu.hamburg-nord@jobcenter-ge.de",
                                                null))
                                .with(
                                        "EDUCATION_AND_PARTICIPATION",
                                        new ConcernSetting(
                                                false,
                                                null,
                                                "Leistungen für Bildung und Teilhabe beantragen Sie in Hamburg beim"
                                                        + " Bezirksamt: https://www.hamburg.de/bildungspaket",
                                                null,
                                                null,
                                                null))),
                new DemoOffice(
                        "JC-KOELN",
                        new OfficeMasterData(
                                "Jobcenter Köln",
                                OfficeType.JOBCENTER,
                                goLive,
                                false,
                                new ServiceCenterContract("SC-KOELN", LocalDate.of(2024, 9, 2)),
                                null),
                        c -> c.with(
                                        "APPOINTMENT_REQUEST",
                                        new ConcernSetting(true, null, null, Channel.SERVICE_CENTER, null, null))
                                .with(
                                        "PROCESSING_STATUS",
                                        new ConcernSetting(true, null, null, Channel.SERVICE_CENTER, null, null))),
                new DemoOffice(
                        "AA-NUERNBERG",
                        new OfficeMasterData(
                                "Agentur für Arbeit Nürnberg", OfficeType.EMPLOYMENT_AGENCY, goLive, false, null, null),
                        c -> c.withFallbackRoute(FallbackRoute.outlook("postfach.nuernberg@arbeitsagentur.de"))));
    }
}
