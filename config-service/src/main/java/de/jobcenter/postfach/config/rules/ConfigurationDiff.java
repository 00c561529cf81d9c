package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a configuration changes compared with another one, field by field, in the order of the form. */
public final class ConfigurationDiff {
    private ConfigurationDiff() {}

    public static List<Difference> between(OfficeConfiguration before, OfficeConfiguration after, Catalogue catalogue) {
        List<Difference> differences = new ArrayList<>();
        FallbackRoute fb = before.fallbackRoute() == null ? new FallbackRoute(null, null) : before.fallbackRoute();
        FallbackRoute fa = after.fallbackRoute() == null ? new FallbackRoute(null, null) : after.fallbackRoute();
        add(
                differences,
                "fallbackRoute.channel",
                "Ausweichroute: Kanal",
                Display.channel(fb.channel()),
                Display.channel(fa.channel()));
        add(
                differences,
                "fallbackRoute.outlookMailbox",
                "Ausweichroute: Outlook-Postfach",
                Display.text(fb.outlookMailbox()),
                Display.text(fa.outlookMailbox()));
        add(
                differences,
                "reviewRequired",
                "Prüfung durch eine zweite Person",
                Display.yesNo(before.reviewRequired()),
                Display.yesNo(after.reviewRequired()));
        for (CatalogueEntry entry : catalogue.entries()) {
            ConcernSetting b =
                    before.concern(entry.code()).orElse(new ConcernSetting(null, null, null, null, null, null));
            ConcernSetting a =
                    after.concern(entry.code()).orElse(new ConcernSetting(null, null, null, null, null, null));
            String path = "concerns." + entry.code() + ".";
            String label = entry.label() + ": ";
            add(
                    differences,
                    path + "offered",
                    label + "angeboten",
                    Display.yesNo(b.offered()),
                    Display.yesNo(a.offered()));
            add(
                    differences,
                    path + "infoText",
                    label + "Informationstext",
                    Display.text(b.infoText()),
                    Display.text(a.infoText()));
            add(
                    differences,
                    path + "hintText",
                    label + "Hinweistext",
                    Display.text(b.hintText()),
                    Display.text(a.hintText()));
            add(
                    differences,
                    path + "channel",
                    label + "Eingangskanal",
                    Display.channel(b.channel()),
                    Display.channel(a.channel()));
            add(
                    differences,
                    path + "outlookMailbox",
                    label + "Outlook-Postfach",
                    Display.text(b.outlookMailbox()),
                    Display.text(a.outlookMailbox()));
            add(
                    differences,
                    path + "paymentRelevant",
                    label + "zahlungsrelevant",
                    paymentRelevant(b, entry),
                    paymentRelevant(a, entry));
        }
        return differences;
    }

    private static String paymentRelevant(ConcernSetting setting, CatalogueEntry entry) {
        if (setting.paymentRelevant() == null) {
            return "Katalogvorgabe (" + Display.yesNo(entry.paymentRelevantDefault()) + ")";
        }
        return Display.yesNo(setting.paymentRelevant());
    }

    private static void add(List<Difference> differences, String field, String label, String before, String after) {
        if (!Objects.equals(before, after)) {
            differences.add(new Difference(field, label, before, after));
        }
    }
}
