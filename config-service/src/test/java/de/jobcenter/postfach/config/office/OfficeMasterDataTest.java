package de.jobcenter.postfach.config.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.config.rules.Difference;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.kit.problem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master data central administrators keep. */
class OfficeMasterDataTest {
    private static final LocalDate GO_LIVE = LocalDate.of(2026, 4, 1);

    private static OfficeMasterData valid() {
        return new OfficeMasterData(
                "Jobcenter Berlin Mitte",
                OfficeType.JOBCENTER,
                GO_LIVE,
                false,
                null,
                new ResponsiblePerson("Anna Schmidt", "anna.schmidt@jobcenter-ge.de", "+49 30 5555-1234"));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void validMasterDataPasses() {
        assertThat(valid().validate()).isEmpty();
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        assertThat(fields(new OfficeMasterData(" ", null, null, null, null, null).validate()))
                .containsExactly("name", "type", "goLiveOn", "suspended");
    }

    @Test
    void refusesNamesWithLineBreaksHtmlOrTooLong() {
        assertThat(fields(new OfficeMasterData("Jobcenter\nMitte", OfficeType.JOBCENTER, GO_LIVE, false, null, null)
                        .validate()))
                .containsExactly("name");
        assertThat(fields(
                        new OfficeMasterData("<b>JC</b>", OfficeType.JOBCENTER, GO_LIVE, false, null, null).validate()))
                .containsExactly("name");
        assertThat(fields(new OfficeMasterData("J".repeat(201), OfficeType.JOBCENTER, GO_LIVE, false, null, null)
                        .validate()))
                .containsExactly("name");
    }

    @Test
    void checksTheContactPerson() {
        OfficeMasterData bad = new OfficeMasterData(
                "JC", OfficeType.JOBCENTER, GO_LIVE, false, null, new ResponsiblePerson("A", "kein-at", "abc"));
        assertThat(fields(bad.validate())).containsExactly("responsiblePerson.email", "responsiblePerson.phone");
    }

    @Test
    void aContractNeedsItsServiceCenterAndOrderDate() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(OfficeMasterData.contract(null, null, errors)).isNull();
        assertThat(fields(errors))
                .containsExactly("serviceCenterContract.serviceCenterId", "serviceCenterContract.orderedOn");
        errors.clear();
        assertThat(OfficeMasterData.contract("SC<1>", LocalDate.of(2026, 1, 1), errors))
                .isNull();
        assertThat(fields(errors)).containsExactly("serviceCenterContract.serviceCenterId");
        errors.clear();
        assertThat(OfficeMasterData.contract(" SC-WEST ", LocalDate.of(2026, 1, 1), errors))
                .isEqualTo(new ServiceCenterContract("SC-WEST", LocalDate.of(2026, 1, 1)));
        assertThat(errors).isEmpty();
    }

    @Test
    void officeIdsAreCapitalsDigitsHyphenAndUnderscore() {
        assertThat(OfficeMasterData.OFFICE_ID.matcher("JC-BERLIN-MITTE").matches())
                .isTrue();
        assertThat(OfficeMasterData.OFFICE_ID.matcher("AA_NUERNBERG_2").matches())
                .isTrue();
        assertThat(OfficeMasterData.OFFICE_ID.matcher("jc-berlin").matches()).isFalse();
        assertThat(OfficeMasterData.OFFICE_ID.matcher("J").matches()).isFalse();
        assertThat(OfficeMasterData.OFFICE_ID.matcher("JC BERLIN").matches()).isFalse();
        assertThat(OfficeMasterData.OFFICE_ID.matcher("-JC").matches()).isFalse();
    }

    @Test
    void namesThePublishedFieldsThatChangedButNotTheContactPerson() {
        OfficeMasterData after = new OfficeMasterData(
                "Jobcenter Berlin Mitte",
                OfficeType.JOBCENTER,
                GO_LIVE.plusDays(14),
                true,
                new ServiceCenterContract("SC-OST", LocalDate.of(2026, 2, 2)),
                new ResponsiblePerson("Ben", null, null));
        assertThat(valid().differencesTo(after))
                .containsExactly(
                        new Difference("goLiveOn", "Aufschalttermin", "01.04.2026", "15.04.2026"),
                        new Difference("suspended", "Ausgesetzt", "nein", "ja"),
                        new Difference(
                                "serviceCenterContract",
                                "Service-Center-Vertrag",
                                "kein Vertrag",
                                "SC-OST, beauftragt am 02.02.2026, wirksam ab 16.03.2026"));
    }
}
