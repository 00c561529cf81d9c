package de.jobcenter.postfach.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficeConfigurationActivatedTest {

    private static final List<String> CATALOGUE = List.of(
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

    private static final LocalDate GO_LIVE = LocalDate.of(2025, 4, 7);

    @Test
    void theSampleListsTheWholeCatalogueInOrder() {
        assertThat(sample().concerns())
                .extracting(ConcernConfiguration::concern)
                .containsExactlyElementsOf(CATALOGUE);
    }

    @Test
    void aConcernIsFoundByItsCode() {
        OfficeConfigurationActivated configuration = sample();

        assertThat(configuration.concern("RENT_AND_HEATING"))
                .hasValueSatisfying(concern -> assertThat(concern.route())
                        .isEqualTo(RouteRef.outlook(
                                "jc-berlin-mitte", "leistungsabteilung.berlin-mitte@jobcenter-ge.de")));
        assertThat(configuration.concern("EDUCATION_AND_PARTICIPATION"))
                .hasValueSatisfying(concern -> assertThat(concern.offered()).isFalse());
        assertThat(configuration.concern("HOUSING_BENEFIT")).isEmpty();
    }

    @Test
    void anOfficeIsLiveFromItsGoLiveDate() {
        OfficeConfigurationActivated configuration = TestEvents.officeConfiguration(GO_LIVE, false);

        assertThat(configuration.isLiveOn(GO_LIVE.minusDays(1))).isFalse();
        assertThat(configuration.isLiveOn(GO_LIVE)).isTrue();
        assertThat(configuration.isLiveOn(GO_LIVE.plusYears(1))).isTrue();
    }

    @Test
    void aSuspendedOfficeIsNotLive() {
        assertThat(TestEvents.officeConfiguration(GO_LIVE, true).isLiveOn(GO_LIVE.plusDays(30)))
                .isFalse();
    }

    @Test
    void theListsAreCopiesThatCannotBeChanged() {
        List<ConcernConfiguration> concerns = new ArrayList<>(sample().concerns());
        List<String> mailboxes = new ArrayList<>(List.of("eingangszone.berlin-mitte@jobcenter-ge.de"));
        OfficeConfigurationActivated configuration = new OfficeConfigurationActivated(
                "jc-berlin-mitte",
                "Jobcenter Berlin Mitte",
                OfficeType.JOBCENTER,
                GO_LIVE,
                false,
                9,
                TestEvents.AT,
                concerns,
                RouteRef.eakte("jc-berlin-mitte"),
                mailboxes,
                null);

        concerns.clear();
        mailboxes.clear();

        assertThat(configuration.concerns()).hasSize(10);
        assertThat(configuration.outlookMailboxes()).hasSize(1);
        assertThatThrownBy(() -> configuration.outlookMailboxes().add("x@jobcenter-ge.de"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void absentListsAreEmpty() {
        OfficeConfigurationActivated configuration = TestEvents.officeConfiguration(GO_LIVE, false);

        assertThat(configuration.outlookMailboxes()).isEmpty();
    }

    @Test
    void theFallbackRouteIsNeverTheServiceCenter() {
        assertThatThrownBy(() -> new OfficeConfigurationActivated(
                        "jc-berlin-mitte",
                        "Jobcenter Berlin Mitte",
                        OfficeType.JOBCENTER,
                        GO_LIVE,
                        false,
                        9,
                        TestEvents.AT,
                        List.of(),
                        RouteRef.serviceCenter("jc-berlin-mitte", "SC-BERLIN"),
                        List.of(),
                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static OfficeConfigurationActivated sample() {
        return EventJson.read(
                Resources.bytes(EventType.OFFICE_CONFIGURATION_ACTIVATED.sampleResource()),
                OfficeConfigurationActivated.class);
    }
}
