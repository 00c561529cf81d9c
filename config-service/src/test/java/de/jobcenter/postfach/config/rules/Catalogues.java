package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.catalogue.ConcernKind;
import java.util.List;

/** The seeded catalogue (V1__catalogue.sql), for plain unit tests. */
public final class Catalogues {
    public static final String VAEM_URL = "https://www.jobcenter.digital/veraenderungsmitteilung";

    private Catalogues() {}

    public static Catalogue standard() {
        return new Catalogue(List.of(
                new CatalogueEntry(
                        "CHANGE_NOTIFICATION", "Veränderung mitteilen", ConcernKind.ONLINE_FLOW, VAEM_URL, true, false),
                new CatalogueEntry(
                        "CONTINUATION_APPLICATION",
                        "Weiterbewilligungsantrag stellen",
                        ConcernKind.ONLINE_FLOW,
                        "https://www.jobcenter.digital/weiterbewilligungsantrag",
                        true,
                        false),
                message("PROCESSING_STATUS", "Anfragen zum Bearbeitungsstand", false),
                message("DEADLINE_EXTENSION", "Fristverlängerung", false),
                message("APPOINTMENT_REQUEST", "Terminanfrage", false),
                message("COPY_REQUEST", "Anforderung von Kopien (z. B. Bescheide)", false),
                message("RENT_AND_HEATING", "Fragen zu Miete und Heizkosten", true),
                message(
                        "EDUCATION_AND_PARTICIPATION",
                        "Informationen und Fragen zu Leistungen für Bildung und Teilhabe (z. B. Klassenfahrten)",
                        true),
                message(
                        "FURTHER_BENEFITS",
                        "Beantragung von weiteren Leistungen (z. B. Erstausstattung für Wohnung)",
                        true),
                new CatalogueEntry("OTHER", "Sonstiges", ConcernKind.MESSAGE, null, false, true)));
    }

    private static CatalogueEntry message(String code, String label, boolean paymentRelevant) {
        return new CatalogueEntry(code, label, ConcernKind.MESSAGE, null, paymentRelevant, false);
    }
}
