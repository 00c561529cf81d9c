package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.kit.problem.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration of one office as a whole (no sub-units): the fallback route, whether changes need a second
 * person's review, and one {@link ConcernSetting} per catalogue concern, keyed by concern code. The same shape is
 * the body of a change and the active configuration, so what an API client reads it can send back.
 *
 * <p>{@link #validate} applies every plausibility rule and returns all field errors at once; field names are JSON
 * paths into this shape, e.g. {@code concerns.RENT_AND_HEATING.outlookMailbox}.
 */
public record OfficeConfiguration(
        FallbackRoute fallbackRoute, Boolean reviewRequired, Map<String, ConcernSetting> concerns) {

    private static final Pattern CONCERN_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public OfficeConfiguration {
        concerns = concerns == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(concerns));
    }

    /**
     * How a new office starts: every message concern offered and routed to its E-AKTE, every online flow offered,
     * fallback to E-AKTE, review by a second person required — so an office that configures nothing by its go-live
     * date still works.
     */
    public static OfficeConfiguration initial(Catalogue catalogue) {
        Map<String, ConcernSetting> concerns = new LinkedHashMap<>();
        for (CatalogueEntry entry : catalogue.entries()) {
            concerns.put(
                    entry.code(),
                    entry.isOnlineFlow() ? ConcernSetting.offeredOnlineFlow() : ConcernSetting.offeredToEakte());
        }
        return new OfficeConfiguration(FallbackRoute.eakte(), true, concerns);
    }

    public Optional<ConcernSetting> concern(String code) {
        return Optional.ofNullable(concerns == null ? null : concerns.get(code));
    }

    public boolean requiresReview() {
        return !Boolean.FALSE.equals(reviewRequired);
    }

    /** This configuration with one concern's setting replaced. */
    public OfficeConfiguration with(String code, ConcernSetting setting) {
        Map<String, ConcernSetting> changed = new LinkedHashMap<>(concerns == null ? Map.of() : concerns);
        changed.put(code, setting);
        return new OfficeConfiguration(fallbackRoute, reviewRequired, changed);
    }

    public OfficeConfiguration withFallbackRoute(FallbackRoute route) {
        return new OfficeConfiguration(route, reviewRequired, concerns);
    }

    public OfficeConfiguration withReviewRequired(boolean required) {
        return new OfficeConfiguration(fallbackRoute, required, concerns);
    }

    /**
     * Every Outlook mailbox that receives messages under this configuration (offered message concerns and the
     * fallback route), sorted: the only senders accepted for new conversations by mail.
     */
    public List<String> outlookMailboxes(Catalogue catalogue) {
        TreeSet<String> mailboxes = new TreeSet<>();
        if (fallbackRoute != null
                && fallbackRoute.channel() == Channel.OUTLOOK
                && fallbackRoute.outlookMailbox() != null) {
            mailboxes.add(fallbackRoute.outlookMailbox());
        }
        for (CatalogueEntry entry : catalogue.entries()) {
            concern(entry.code())
                    .filter(s -> !entry.isOnlineFlow() && s.isOffered() && s.channel() == Channel.OUTLOOK)
                    .map(ConcernSetting::outlookMailbox)
                    .ifPresent(mailboxes::add);
        }
        return List.copyOf(mailboxes);
    }

    /** Every plausibility rule, all errors at once, in the order of the form (fallback, review, catalogue order). */
    public List<FieldError> validate(RuleContext context) {
        List<FieldError> errors = new ArrayList<>();
        validateFallback(context, errors);
        if (reviewRequired == null) {
            errors.add(new FieldError(
                    "reviewRequired", "Bitte angeben, ob Änderungen von einer zweiten Person geprüft werden müssen."));
        }
        if (concerns == null) {
            errors.add(new FieldError("concerns", "Bitte die Einstellungen aller Anliegen angeben."));
            return errors;
        }
        for (String code : concerns.keySet()) {
            if (!context.catalogue().contains(code)) {
                errors.add(
                        CONCERN_CODE.matcher(code).matches()
                                ? new FieldError("concerns." + code, "Dieses Anliegen gibt es im Katalog nicht.")
                                : new FieldError("concerns", "Enthält ein Anliegen, das es im Katalog nicht gibt."));
            }
        }
        for (CatalogueEntry entry : context.catalogue().entries()) {
            ConcernSetting setting = concerns.get(entry.code());
            String path = "concerns." + entry.code();
            if (setting == null) {
                errors.add(new FieldError(path, "Bitte die Einstellungen für „" + entry.label() + "“ angeben."));
            } else {
                validateConcern(entry, setting, path, context, errors);
            }
        }
        return errors;
    }

    private void validateFallback(RuleContext context, List<FieldError> errors) {
        if (fallbackRoute == null || fallbackRoute.channel() == null) {
            errors.add(
                    new FieldError("fallbackRoute.channel", "Bitte eine Ausweichroute wählen: E-AKTE oder Outlook."));
            return;
        }
        switch (fallbackRoute.channel()) {
            case SERVICE_CENTER ->
                errors.add(new FieldError(
                        "fallbackRoute.channel",
                        "Die Ausweichroute kann nicht der Service Center sein; bitte E-AKTE oder Outlook wählen."));
            case OUTLOOK ->
                MailboxAddress.problem(fallbackRoute.outlookMailbox(), context.allowedMailDomains())
                        .ifPresent(m -> errors.add(new FieldError("fallbackRoute.outlookMailbox", m)));
            case EAKTE -> {
                if (fallbackRoute.outlookMailbox() != null) {
                    errors.add(new FieldError(
                            "fallbackRoute.outlookMailbox",
                            "Ein Outlook-Postfach nur angeben, wenn die Ausweichroute Outlook ist."));
                }
            }
        }
    }

    private static void validateConcern(
            CatalogueEntry entry, ConcernSetting setting, String path, RuleContext context, List<FieldError> errors) {
        if (setting.offered() == null) {
            errors.add(new FieldError(path + ".offered", "Bitte angeben, ob das Anliegen angeboten wird."));
        }
        PlainText.problem(setting.infoText(), PlainText.MAX_LENGTH)
                .ifPresent(m -> errors.add(new FieldError(path + ".infoText", m)));
        PlainText.problem(setting.hintText(), PlainText.MAX_LENGTH)
                .ifPresent(m -> errors.add(new FieldError(path + ".hintText", m)));

        if (Boolean.FALSE.equals(setting.offered())) {
            if (entry.alwaysOffered()) {
                errors.add(new FieldError(
                        path + ".offered",
                        "„" + entry.label() + "“ wird immer angeboten und kann nicht abgeschaltet werden."));
            } else if (setting.hintText() == null) {
                errors.add(new FieldError(
                        path + ".hintText",
                        "Bitte einen Hinweistext angeben: Er sagt der Kundin oder dem Kunden, warum das Anliegen nicht"
                                + " angeboten wird und wer zuständig ist."));
            }
        }

        if (entry.isOnlineFlow()) {
            if (setting.channel() != null) {
                errors.add(new FieldError(
                        path + ".channel",
                        "„" + entry.label() + "“ ist eine Online-Strecke und leitet weiter; bitte keinen Eingangskanal"
                                + " wählen."));
            }
            if (setting.outlookMailbox() != null) {
                errors.add(new FieldError(path + ".outlookMailbox", "Eine Online-Strecke hat kein Outlook-Postfach."));
            }
            return;
        }

        if (setting.isOffered() && setting.channel() == null) {
            errors.add(new FieldError(
                    path + ".channel", "Bitte einen Eingangskanal wählen: E-AKTE, Outlook oder Service Center."));
        }
        if (setting.channel() == Channel.OUTLOOK) {
            MailboxAddress.problem(setting.outlookMailbox(), context.allowedMailDomains())
                    .ifPresent(m -> errors.add(new FieldError(path + ".outlookMailbox", m)));
        } else if (setting.outlookMailbox() != null) {
            errors.add(new FieldError(
                    path + ".outlookMailbox", "Ein Outlook-Postfach nur angeben, wenn der Eingangskanal Outlook ist."));
        }
        if (setting.isOffered() && setting.channel() == Channel.SERVICE_CENTER) {
            serviceCenterProblem(context).ifPresent(m -> errors.add(new FieldError(path + ".channel", m)));
        }
    }

    private static Optional<String> serviceCenterProblem(RuleContext context) {
        ServiceCenterContract contract = context.contract();
        if (contract == null) {
            return Optional.of("Der Service Center ist nur mit einem Vertrag über Unterstützungsleistungen möglich;"
                    + " für diese Dienststelle ist keiner hinterlegt.");
        }
        if (!contract.isEffectiveOn(context.effectiveOn())) {
            return Optional.of("Der Service Center ist frühestens ab dem "
                    + GermanDates.format(contract.effectiveFrom()) + " möglich (Auftrag vom "
                    + GermanDates.format(contract.orderedOn()) + " plus 6 Wochen Einrichtungszeit); die Änderung"
                    + " würde am " + GermanDates.format(context.effectiveOn()) + " wirksam.");
        }
        return Optional.empty();
    }
}
