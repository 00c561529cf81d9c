package de.jobcenter.postfach.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.contracts.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a pending change changes, as the review screen shows it. */
class ConfigurationDiffTest {
    private static final Catalogue CATALOGUE = Catalogues.standard();
    private static final OfficeConfiguration ACTIVE = OfficeConfiguration.initial(CATALOGUE);

    @Test
    void anUnchangedConfigurationHasNoDifferences() {
        assertThat(ConfigurationDiff.between(ACTIVE, OfficeConfiguration.initial(CATALOGUE), CATALOGUE))
                .isEmpty();
    }

    @Test
    void namesEveryChangedFieldWithItsGermanLabelAndBothValues() {
        OfficeConfiguration pending = ACTIVE.withFallbackRoute(FallbackRoute.outlook("post@jobcenter-ge.de"))
                .withReviewRequired(false)
                .with(
                        "RENT_AND_HEATING",
                        new ConcernSetting(
                                true, "Antwort in 5 Tagen.", null, Channel.OUTLOOK, "kdu@jobcenter-ge.de", false));

        List<Difference> differences = ConfigurationDiff.between(ACTIVE, pending, CATALOGUE);

        assertThat(differences)
                .containsExactly(
                        new Difference("fallbackRoute.channel", "Ausweichroute: Kanal", "E-AKTE", "Outlook"),
                        new Difference(
                                "fallbackRoute.outlookMailbox",
                                "Ausweichroute: Outlook-Postfach",
                                "—",
                                "post@jobcenter-ge.de"),
                        new Difference("reviewRequired", "Prüfung durch eine zweite Person", "ja", "nein"),
                        new Difference(
                                "concerns.RENT_AND_HEATING.infoText",
                                "Fragen zu Miete und Heizkosten: Informationstext",
                                "—",
                                "Antwort in 5 Tagen."),
                        new Difference(
                                "concerns.RENT_AND_HEATING.channel",
                                "Fragen zu Miete und Heizkosten: Eingangskanal",
                                "E-AKTE",
                                "Outlook"),
                        new Difference(
                                "concerns.RENT_AND_HEATING.outlookMailbox",
                                "Fragen zu Miete und Heizkosten: Outlook-Postfach",
                                "—",
                                "kdu@jobcenter-ge.de"),
                        new Difference(
                                "concerns.RENT_AND_HEATING.paymentRelevant",
                                "Fragen zu Miete und Heizkosten: zahlungsrelevant",
                                "Katalogvorgabe (ja)",
                                "nein"));
    }

    @Test
    void showsSwitchingAConcernOff() {
        OfficeConfiguration pending = ACTIVE.with(
                "COPY_REQUEST", new ConcernSetting(false, null, "Kopien bitte persönlich.", Channel.EAKTE, null, null));
        assertThat(ConfigurationDiff.between(ACTIVE, pending, CATALOGUE))
                .extracting(Difference::field, Difference::before, Difference::after)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("concerns.COPY_REQUEST.offered", "ja", "nein"),
                        org.assertj.core.groups.Tuple.tuple(
                                "concerns.COPY_REQUEST.hintText", "—", "Kopien bitte persönlich."));
    }
}
