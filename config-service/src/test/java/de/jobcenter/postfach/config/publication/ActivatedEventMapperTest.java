package de.jobcenter.postfach.config.publication;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.office.OfficeMasterData;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.config.rules.Catalogues;
import de.jobcenter.postfach.config.rules.ConcernSetting;
import de.jobcenter.postfach.config.rules.FallbackRoute;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.version.OfficeVersion;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The published record of a version: the whole configuration in catalogue order. */
class ActivatedEventMapperTest {
    private static final Catalogue CATALOGUE = Catalogues.standard();
    private static final String OFFICE = "JC-KOELN";
    private static final Instant ACTIVATED = Instant.parse("2026-03-02T05:00:00Z");

    private static OfficeVersion version() {
        OfficeConfiguration configuration = OfficeConfiguration.initial(CATALOGUE)
                .withFallbackRoute(FallbackRoute.outlook("post.koeln@jobcenter-ge.de"))
                .with(
                        "APPOINTMENT_REQUEST",
                        new ConcernSetting(true, "Termine binnen 3 Tagen.", null, Channel.SERVICE_CENTER, null, null))
                .with(
                        "RENT_AND_HEATING",
                        new ConcernSetting(true, null, null, Channel.OUTLOOK, "kdu.koeln@jobcenter-ge.de", false))
                .with("CONTINUATION_APPLICATION", new ConcernSetting(false, null, "Bitte per Post.", null, null, null));
        OfficeMasterData master = new OfficeMasterData(
                "Jobcenter Köln",
                OfficeType.JOBCENTER,
                LocalDate.of(2025, 1, 6),
                false,
                new ServiceCenterContract("SC-KOELN", LocalDate.of(2024, 9, 2)),
                null);
        return OfficeVersion.of(OFFICE, 4, OfficeVersion.Kind.CHANGE, master, configuration, ACTIVATED);
    }

    @Test
    void carriesTheWholeConfigurationInCatalogueOrder() {
        OfficeConfigurationActivated event = ActivatedEventMapper.toEvent(version(), CATALOGUE);

        assertThat(event.officeId()).isEqualTo(OFFICE);
        assertThat(event.name()).isEqualTo("Jobcenter Köln");
        assertThat(event.type()).isEqualTo(OfficeType.JOBCENTER);
        assertThat(event.goLiveOn()).isEqualTo(LocalDate.of(2025, 1, 6));
        assertThat(event.suspended()).isFalse();
        assertThat(event.version()).isEqualTo(4);
        assertThat(event.activatedAt()).isEqualTo(ACTIVATED);
        assertThat(event.concerns())
                .extracting(ConcernConfiguration::concern)
                .containsExactlyElementsOf(
                        CATALOGUE.entries().stream().map(e -> e.code()).toList());
        assertThat(event.fallbackRoute()).isEqualTo(RouteRef.outlook(OFFICE, "post.koeln@jobcenter-ge.de"));
        assertThat(event.outlookMailboxes()).containsExactly("kdu.koeln@jobcenter-ge.de", "post.koeln@jobcenter-ge.de");
        assertThat(event.serviceCenterContract())
                .isEqualTo(
                        new OfficeConfigurationActivated.ServiceCenterContract("SC-KOELN", LocalDate.of(2024, 10, 14)));
    }

    @Test
    void eachConcernHasLabelRouteTextsAndPaymentRelevance() {
        OfficeConfigurationActivated event = ActivatedEventMapper.toEvent(version(), CATALOGUE);

        assertThat(event.concern("APPOINTMENT_REQUEST").orElseThrow())
                .isEqualTo(new ConcernConfiguration(
                        "APPOINTMENT_REQUEST",
                        "Terminanfrage",
                        true,
                        "Termine binnen 3 Tagen.",
                        null,
                        null,
                        false,
                        RouteRef.serviceCenter(OFFICE, "SC-KOELN")));
        ConcernConfiguration rent = event.concern("RENT_AND_HEATING").orElseThrow();
        assertThat(rent.route()).isEqualTo(RouteRef.outlook(OFFICE, "kdu.koeln@jobcenter-ge.de"));
        assertThat(rent.paymentRelevant()).isFalse();
        assertThat(event.concern("FURTHER_BENEFITS").orElseThrow().paymentRelevant())
                .isTrue();

        ConcernConfiguration vaem = event.concern("CHANGE_NOTIFICATION").orElseThrow();
        assertThat(vaem.offered()).isTrue();
        assertThat(vaem.redirectUrl()).isEqualTo(Catalogues.VAEM_URL);
        assertThat(vaem.route()).isNull();

        ConcernConfiguration wba = event.concern("CONTINUATION_APPLICATION").orElseThrow();
        assertThat(wba.offered()).isFalse();
        assertThat(wba.hintText()).isEqualTo("Bitte per Post.");
        assertThat(wba.route()).isNull();
    }

    @Test
    void roundTripsThroughTheEventJson() {
        OfficeConfigurationActivated event = ActivatedEventMapper.toEvent(version(), CATALOGUE);
        assertThat(EventJson.read(EventJson.write(event), OfficeConfigurationActivated.class))
                .isEqualTo(event);
    }
}
