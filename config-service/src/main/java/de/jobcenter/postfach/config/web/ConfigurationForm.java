package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.rules.ConcernSetting;
import de.jobcenter.postfach.config.rules.FallbackRoute;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.PlainText;
import de.jobcenter.postfach.contracts.Channel;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edit form of an office's configuration: one fieldset per catalogue concern and the office's settings. The
 * fields are named after the domain's field paths ({@code concerns.RENT_AND_HEATING.channel}), so every error of
 * {@code OfficeConfiguration#validate} lands next to its field. A mailbox is taken only with the Outlook channel: a
 * form switched from Outlook to E-AKTE still carries the old address, which the person meant to drop.
 */
public final class ConfigurationForm {
    static final String FALLBACK_CHANNEL = "fallbackRoute.channel";
    static final String FALLBACK_MAILBOX = "fallbackRoute.outlookMailbox";
    static final String REVIEW_REQUIRED = "reviewRequired";

    private static final String TEXT_HINT = "Reiner Text, höchstens " + PlainText.MAX_LENGTH
            + " Zeichen; Zeilenumbrüche sind erlaubt, Links nur mit https://.";

    /** The office's settings in the form. */
    public record Settings(Field fallbackChannel, Field fallbackMailbox, Field reviewRequired) {}

    /** One concern in the form. */
    public record ConcernForm(
            String code,
            String label,
            String anchor,
            boolean onlineFlow,
            boolean alwaysOffered,
            String paymentDefault,
            boolean invalid,
            Field offered,
            Field infoText,
            Field hintText,
            Field channel,
            Field outlookMailbox,
            Field paymentRelevant) {}

    /** The whole form. */
    public record View(Settings settings, List<ConcernForm> concerns) {}

    private ConfigurationForm() {}

    /** The form's values for a configuration (the active one, or the person's draft). */
    static Map<String, String> values(OfficeConfiguration configuration, Catalogue catalogue) {
        Map<String, String> values = new LinkedHashMap<>();
        FallbackRoute fallback = configuration.fallbackRoute();
        values.put(
                FALLBACK_CHANNEL,
                fallback == null || fallback.channel() == null
                        ? null
                        : fallback.channel().name());
        values.put(FALLBACK_MAILBOX, fallback == null ? null : fallback.outlookMailbox());
        values.put(REVIEW_REQUIRED, String.valueOf(configuration.requiresReview()));
        for (CatalogueEntry entry : catalogue.entries()) {
            ConcernSetting setting =
                    configuration.concern(entry.code()).orElse(new ConcernSetting(true, null, null, null, null, null));
            String path = path(entry);
            values.put(path + "offered", String.valueOf(setting.isOffered() || entry.alwaysOffered()));
            values.put(path + "infoText", setting.infoText());
            values.put(path + "hintText", setting.hintText());
            values.put(
                    path + "channel",
                    setting.channel() == null ? null : setting.channel().name());
            values.put(path + "outlookMailbox", setting.outlookMailbox());
            values.put(
                    path + "paymentRelevant",
                    setting.paymentRelevant() == null ? "" : String.valueOf(setting.paymentRelevant()));
        }
        return values;
    }

    /** The form's values as submitted, to show them again with the errors. */
    static Map<String, String> values(FormFields form, Catalogue catalogue) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fieldIds(catalogue)) {
            values.put(field, form.first(field));
        }
        values.put(REVIEW_REQUIRED, String.valueOf(form.isTrue(REVIEW_REQUIRED)));
        for (CatalogueEntry entry : catalogue.entries()) {
            values.put(path(entry) + "offered", String.valueOf(form.isTrue(path(entry) + "offered")));
        }
        return values;
    }

    /** What the person proposes; whether it is plausible is for the domain's rules. */
    static OfficeConfiguration parse(FormFields form, Catalogue catalogue) {
        Channel fallbackChannel = channel(form.first(FALLBACK_CHANNEL));
        FallbackRoute fallback = new FallbackRoute(
                fallbackChannel, fallbackChannel == Channel.OUTLOOK ? form.first(FALLBACK_MAILBOX) : null);
        Map<String, ConcernSetting> concerns = new LinkedHashMap<>();
        for (CatalogueEntry entry : catalogue.entries()) {
            String path = path(entry);
            Channel channel = entry.isOnlineFlow() ? null : channel(form.first(path + "channel"));
            concerns.put(
                    entry.code(),
                    new ConcernSetting(
                            form.isTrue(path + "offered"),
                            form.first(path + "infoText"),
                            form.first(path + "hintText"),
                            channel,
                            channel == Channel.OUTLOOK ? form.first(path + "outlookMailbox") : null,
                            paymentRelevant(form.first(path + "paymentRelevant"))));
        }
        return new OfficeConfiguration(fallback, form.isTrue(REVIEW_REQUIRED), concerns);
    }

    /** The ids of every field the form shows. */
    static Set<String> fieldIds(Catalogue catalogue) {
        Set<String> ids = new LinkedHashSet<>(List.of(FALLBACK_CHANNEL, FALLBACK_MAILBOX, REVIEW_REQUIRED));
        for (CatalogueEntry entry : catalogue.entries()) {
            String path = path(entry);
            if (!entry.alwaysOffered()) {
                ids.add(path + "offered");
            }
            ids.add(path + "infoText");
            ids.add(path + "hintText");
            if (!entry.isOnlineFlow()) {
                ids.add(path + "channel");
                ids.add(path + "outlookMailbox");
            }
            ids.add(path + "paymentRelevant");
        }
        return ids;
    }

    /** The label of a field path for the error summary, e.g. „Fragen zu Miete und Heizkosten – Eingangskanal“. */
    static String label(String field, Catalogue catalogue) {
        switch (field) {
            case FALLBACK_CHANNEL:
                return "Ausweichroute";
            case FALLBACK_MAILBOX:
                return "Ausweichroute – Outlook-Postfach";
            case REVIEW_REQUIRED:
                return "Prüfung durch eine zweite Person";
            case "reason":
                return "Begründung der Ablehnung";
            default:
                break;
        }
        if (field.startsWith("concerns.")) {
            String[] parts = field.split("\\.", 3);
            String concern = parts.length > 1
                    ? catalogue.find(parts[1]).map(CatalogueEntry::label).orElse(parts[1])
                    : "Anliegen";
            if (parts.length < 3) {
                return concern;
            }
            String what = switch (parts[2]) {
                case "offered" -> "Angebot";
                case "infoText" -> "Informationstext";
                case "hintText" -> "Hinweistext";
                case "channel" -> "Eingangskanal";
                case "outlookMailbox" -> "Outlook-Postfach";
                case "paymentRelevant" -> "zahlungsrelevant";
                default -> parts[2];
            };
            return concern + " – " + what;
        }
        return field.isEmpty() || field.equals("concerns") ? "Konfiguration" : field;
    }

    /** The form to render. */
    static View view(Catalogue catalogue, Map<String, String> values, FormErrors errors) {
        Settings settings = new Settings(
                field(FALLBACK_CHANNEL, values, errors, null),
                field(
                        FALLBACK_MAILBOX,
                        values,
                        errors,
                        "Nur bei Outlook: das Postfach einer erlaubten Domäne, z. B. postfach@jobcenter-ge.de."),
                field(
                        REVIEW_REQUIRED,
                        values,
                        errors,
                        "Empfohlen. Das Abschalten ist selbst eine Änderung, die geprüft wird."));
        List<ConcernForm> concerns = catalogue.entries().stream()
                .map(entry -> concern(entry, values, errors))
                .toList();
        return new View(settings, concerns);
    }

    private static ConcernForm concern(CatalogueEntry entry, Map<String, String> values, FormErrors errors) {
        String path = path(entry);
        Field offered = field(path + "offered", values, errors, null);
        Field info = field(
                path + "infoText",
                values,
                errors,
                "Optional; erscheint, wenn Kundinnen und Kunden das Anliegen wählen. " + TEXT_HINT);
        Field hint = field(
                path + "hintText",
                values,
                errors,
                "Pflicht, wenn das Anliegen nicht angeboten wird: warum, und wer zuständig ist. " + TEXT_HINT);
        Field channel = field(path + "channel", values, errors, null);
        Field mailbox = field(
                path + "outlookMailbox",
                values,
                errors,
                "Nur bei Outlook: das Postfach einer erlaubten Domäne, z. B. team@jobcenter-ge.de.");
        Field payment = field(path + "paymentRelevant", values, errors, null);
        boolean invalid = offered.invalid()
                || info.invalid()
                || hint.invalid()
                || channel.invalid()
                || mailbox.invalid()
                || payment.invalid();
        return new ConcernForm(
                entry.code(),
                entry.label(),
                "anliegen-" + entry.code(),
                entry.isOnlineFlow(),
                entry.alwaysOffered(),
                WebFormat.yesNo(entry.paymentRelevantDefault()),
                invalid,
                offered,
                info,
                hint,
                channel,
                mailbox,
                payment);
    }

    private static Field field(String id, Map<String, String> values, FormErrors errors, String hint) {
        return new Field(id, values.get(id), errors.of(id), hint);
    }

    private static String path(CatalogueEntry entry) {
        return "concerns." + entry.code() + ".";
    }

    private static Channel channel(String value) {
        if (value == null) {
            return null;
        }
        for (Channel channel : Channel.values()) {
            if (channel.name().equals(value)) {
                return channel;
            }
        }
        return null;
    }

    private static Boolean paymentRelevant(String value) {
        if ("true".equals(value)) {
            return Boolean.TRUE;
        }
        return "false".equals(value) ? Boolean.FALSE : null;
    }
}
