package de.jobcenter.postfach.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** „A message with concern X to office Y would go to …“. */
class RoutePreviewTest {
    private static final Catalogue CATALOGUE = Catalogues.standard();
    private static final String OFFICE = "JC-HAMBURG-NORD";
    private static final String NAME = "Jobcenter Hamburg Nord";
    private static final OfficeConfiguration CONFIG = OfficeConfiguration.initial(CATALOGUE)
            .withFallbackRoute(FallbackRoute.outlook("post.hamburg-nord@jobcenter-ge.de"))
            .with(
                    "RENT_AND_HEATING",
                    new ConcernSetting(true, null, null, Channel.OUTLOOK, "kdu.hamburg-nord@jobcenter-ge.de", null))
            .with("APPOINTMENT_REQUEST", new ConcernSetting(true, null, null, Channel.SERVICE_CENTER, null, null))
            .with("COPY_REQUEST", new ConcernSetting(false, null, "Bitte persönlich.", Channel.EAKTE, null, null));
    private static final ServiceCenterContract CONTRACT =
            new ServiceCenterContract("SC-NORD", LocalDate.of(2025, 1, 1));

    private static RoutePreview preview(String concern, ServiceCenterContract contract) {
        return RoutePreview.of(OFFICE, NAME, CATALOGUE.get(concern), CONFIG, contract);
    }

    @Test
    void anOfferedMessageConcernGoesToItsChannel() {
        RoutePreview eakte = preview("PROCESSING_STATUS", CONTRACT);
        assertThat(eakte.outcome()).isEqualTo(RoutePreview.Outcome.MESSAGE);
        assertThat(eakte.route()).isEqualTo(RouteRef.eakte(OFFICE));
        assertThat(eakte.fallbackReason()).isNull();
        assertThat(eakte.text())
                .isEqualTo("Eine Nachricht mit dem Anliegen „Anfragen zum Bearbeitungsstand“ an Jobcenter Hamburg Nord"
                        + " ginge an die E-AKTE der Dienststelle.");

        RoutePreview outlook = preview("RENT_AND_HEATING", CONTRACT);
        assertThat(outlook.route()).isEqualTo(RouteRef.outlook(OFFICE, "kdu.hamburg-nord@jobcenter-ge.de"));
        assertThat(outlook.text()).endsWith("ginge an das Outlook-Postfach kdu.hamburg-nord@jobcenter-ge.de.");

        RoutePreview serviceCenter = preview("APPOINTMENT_REQUEST", CONTRACT);
        assertThat(serviceCenter.route()).isEqualTo(RouteRef.serviceCenter(OFFICE, "SC-NORD"));
        assertThat(serviceCenter.text()).endsWith("ginge an den Service Center (SC-NORD).");
    }

    @Test
    void aConcernNotOfferedShowsTheHintAndFallsBack() {
        RoutePreview preview = preview("COPY_REQUEST", CONTRACT);
        assertThat(preview.outcome()).isEqualTo(RoutePreview.Outcome.NOT_OFFERED);
        assertThat(preview.route()).isEqualTo(RouteRef.outlook(OFFICE, "post.hamburg-nord@jobcenter-ge.de"));
        assertThat(preview.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
        assertThat(preview.text())
                .contains("wird bei Jobcenter Hamburg Nord nicht angeboten")
                .endsWith("Ausweichroute: das Outlook-Postfach post.hamburg-nord@jobcenter-ge.de.");
    }

    @Test
    void anOnlineFlowRedirectsAndAStrayMessageFallsBack() {
        RoutePreview preview = preview("CHANGE_NOTIFICATION", CONTRACT);
        assertThat(preview.outcome()).isEqualTo(RoutePreview.Outcome.REDIRECT);
        assertThat(preview.redirectUrl()).isEqualTo(Catalogues.VAEM_URL);
        assertThat(preview.fallbackReason()).isEqualTo(FallbackReason.ONLINE_FLOW);
        assertThat(preview.text())
                .startsWith("„Veränderung mitteilen“ ist eine Online-Strecke: Kundinnen und Kunden werden zu "
                        + Catalogues.VAEM_URL + " weitergeleitet.");
    }

    @Test
    void aServiceCenterRouteWithoutContractFallsBack() {
        RoutePreview preview = preview("APPOINTMENT_REQUEST", null);
        assertThat(preview.outcome()).isEqualTo(RoutePreview.Outcome.MESSAGE);
        assertThat(preview.route()).isEqualTo(RouteRef.outlook(OFFICE, "post.hamburg-nord@jobcenter-ge.de"));
        assertThat(preview.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
    }
}
